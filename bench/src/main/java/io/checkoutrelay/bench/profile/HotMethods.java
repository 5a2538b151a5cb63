package io.checkoutrelay.bench.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a recorded service spent its CPU: the share of execution samples by the method on top of the
 * stack (self time), and by thread.
 */
public record HotMethods(String service, long samples, List<Share> topMethods, List<Share> topThreads) {

    public record Share(String name, double percent) {
    }

    public static HotMethods of(String service, Path jfr, int top) {
        Map<String, Long> byMethod = new HashMap<>();
        Map<String, Long> byThread = new HashMap<>();
        long samples = 0;
        if (Files.exists(jfr)) {
            try (RecordingFile recording = new RecordingFile(jfr)) {
                while (recording.hasMoreEvents()) {
                    RecordedEvent event = recording.readEvent();
                    if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                        continue;
                    }
                    List<RecordedFrame> frames = event.getStackTrace().getFrames();
                    if (frames.isEmpty()) {
                        continue;
                    }
                    samples++;
                    byMethod.merge(name(frames.get(0)), 1L, Long::sum);
                    var thread = event.getThread("sampledThread");
                    byThread.merge(thread == null ? "?" : threadGroup(thread.getJavaName()), 1L, Long::sum);
                }
            } catch (IOException e) {
                System.err.println("could not read " + jfr + ": " + e.getMessage());
            }
        }
        return new HotMethods(service, samples, top(byMethod, samples, top), top(byThread, samples, top));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** Thread names without their numbers, so a pool counts as one: "http-nio-8080-exec-12" → "http-nio-#-exec-#". */
    static String threadGroup(String name) {
        return name == null ? "?" : name.replaceAll("\\d+", "#");
    }

    private static List<Share> top(Map<String, Long> counts, long total, int top) {
        List<Share> shares = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(top).forEach(e -> shares.add(new Share(e.getKey(), total == 0 ? 0 : 100.0 * e.getValue() / total)));
        return shares;
    }
}
