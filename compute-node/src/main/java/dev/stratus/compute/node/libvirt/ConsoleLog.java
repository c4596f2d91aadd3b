package dev.stratus.compute.node.libvirt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reading the end of a guest's console log without loading the whole file. */
final class ConsoleLog {

    private ConsoleLog() {
    }

    /**
     * @param lines the last lines to return, all (up to {@code maxBytes}) when null
     * @return the text, empty when the file does not exist yet
     */
    static String tail(Path log, Integer lines, int maxBytes) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        String text;
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            long size = channel.size();
            int length = (int) Math.min(size, maxBytes);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            long position = size - length;
            while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
                // keep reading until the window is full
            }
            text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            if (position > 0) {
                int firstBreak = text.indexOf('\n');
                text = firstBreak < 0 ? text : text.substring(firstBreak + 1);
            }
        }
        text = text.replace("\r\n", "\n");
        if (lines == null) {
            return text;
        }
        if (lines <= 0) {
            return "";
        }
        int end = text.endsWith("\n") ? text.length() - 1 : text.length();
        int start = end;
        for (int found = 0; found < lines && start > 0; ) {
            start--;
            if (text.charAt(start) == '\n') {
                found++;
                if (found == lines) {
                    start++;
                    break;
                }
            }
        }
        return text.substring(start);
    }
}
