package dev.hashscope.event.fast;

import dev.hashscope.event.AnalysisFailure;
import dev.hashscope.event.ChunkScanner;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.GuardedSink;
import dev.hashscope.event.JdkRecordingReader;
import dev.hashscope.event.ReadStats;
import dev.hashscope.event.RecordingFiles;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.RecordingReader;
import dev.hashscope.event.UnreadableRecordingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Hashscope's own JFR parser: the same events, symbols and counts as {@link JdkRecordingReader}, many times
 * faster and in memory bounded by a couple of chunks' worth of compact buffers.
 *
 * <p>How: chunks are memory-mapped and read in place (a truncated tail is simply not mapped); only the event
 * types some sink wants are decoded, the others are counted and skipped by their size; constant pools are
 * indexed (key to offset) and an entry is decoded when an event first needs it; one thread parses while the
 * calling thread resolves and delivers, in file order, so sinks see one thread as before.
 *
 * <p>What it cannot read the same way as the JDK (an event field of an unexpected type, a chunk over 2 GB,
 * metadata it fails to parse) it hands to {@link JdkRecordingReader}, and says why in {@link #lastFallback()}.
 */
public final class FastRecordingReader implements RecordingReader {
    private static final System.Logger LOG = System.getLogger(FastRecordingReader.class.getName());

    /** Null: decide per read ({@link #parallelNow}). */
    private final Boolean parallel;
    private volatile String lastFallback;
    /**
     * Set once a read of at least {@link #WARM_EVENTS} events has finished in this JVM: by then the JIT has
     * compiled the reader and the analyses.
     */
    private static final java.util.concurrent.atomic.AtomicBoolean JIT_WARM = new java.util.concurrent.atomic.AtomicBoolean();
    private static final long WARM_EVENTS = 1_000_000;
    private volatile long lastParserCpuNanos = -1;

    /**
     * Parses on a second thread when that pays. With three or more cores, always. With two, only once the JIT
     * is warm: the first read of a fresh JVM spends seconds of CPU compiling, and two busy reader threads leave
     * the compiler no core (299 MB on 2 cores, cold: 3.1 s on one thread, 4.7 s on two; warm: 2.2 s against
     * 1.5 s). With one core, never.
     */
    public FastRecordingReader() {
        this.parallel = null;
    }

    /** Always ({@code true}) or never ({@code false}) parses on a second thread. */
    public FastRecordingReader(boolean parallel) {
        this.parallel = parallel;
    }

    private boolean parallelNow() {
        if (parallel != null) {
            return parallel;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return cores > 2 || cores == 2 && JIT_WARM.get();
    }

    /** Why the last read went to the JDK's parser, or null when this reader read it itself. */
    public String lastFallback() {
        return lastFallback;
    }

    /**
     * CPU time of the last read's parser thread (benchmarks: it tells the two threads' shares apart), or -1
     * when the read did not run one or the JVM cannot tell.
     */
    public long lastParserCpuNanos() {
        return lastParserCpuNanos;
    }

    @Override
    public ReadStats read(Path file, EventSink sink) throws UnreadableRecordingException {
        lastFallback = null;
        lastParserCpuNanos = -1;
        Source source = Source.open(file);
        try {
            Object planned = Plan.make(source, sink.kinds());
            if (planned instanceof String reason) {
                lastFallback = reason;
                LOG.log(System.Logger.Level.INFO, "{0}: read by the JDK parser: {1}", file, reason);
                return new JdkRecordingReader().read(file, sink);
            }
            Delivery delivery = new Delivery((Plan) planned, sink, parallelNow());
            ReadStats stats = delivery.run();
            lastParserCpuNanos = delivery.parserCpuNanos;
            if (stats.eventCounts().values().stream().mapToLong(Long::longValue).sum() >= WARM_EVENTS) {
                JIT_WARM.set(true);
            }
            return stats;
        } finally {
            source.close();
        }
    }

    /** The complete chunks of the input, mapped from the file in place (gzip: from a decompressed copy). */
    static final class Source implements AutoCloseable {
        final RecordingLayout layout;
        final FileChannel channel;
        private final RecordingFiles decompressed;

        private Source(RecordingLayout layout, FileChannel channel, RecordingFiles decompressed) {
            this.layout = layout;
            this.channel = channel;
            this.decompressed = decompressed;
        }

        static Source open(Path file) throws UnreadableRecordingException {
            if (!Files.exists(file)) {
                throw new UnreadableRecordingException("no such file: " + file);
            }
            if (Files.isDirectory(file)) {
                throw new UnreadableRecordingException(file + " is a directory, not a recording");
            }
            RecordingFiles prepared = null;
            try {
                Path readable = file;
                RecordingLayout layout;
                if (isGzip(file)) {
                    prepared = RecordingFiles.prepare(file);
                    readable = prepared.source();
                    layout = prepared.layout();
                } else {
                    layout = ChunkScanner.scan(file, false);
                }
                return new Source(layout, FileChannel.open(readable, StandardOpenOption.READ), prepared);
            } catch (IOException e) {
                if (prepared != null) {
                    prepared.close();
                }
                throw new UnreadableRecordingException("cannot read " + file + ": " + describe(e), e);
            } catch (UnreadableRecordingException | RuntimeException e) {
                if (prepared != null) {
                    prepared.close();
                }
                throw e;
            }
        }

        private static boolean isGzip(Path file) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] b = in.readNBytes(2);
                return b.length == 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
            }
        }

        MappedByteBuffer map(RecordingLayout.ChunkHeader c) throws IOException {
            return channel.map(FileChannel.MapMode.READ_ONLY, c.offset(), c.size());
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Read-only; nothing to lose.
            }
            if (decompressed != null) {
                decompressed.close();
            }
        }
    }

    static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * What the read will do, decided before any event is delivered: per chunk, whose metadata and time base
     * the JDK would parse it with (it keeps its parsers, and their time converter, while consecutive chunks
     * carry the same metadata id), event type names for {@code jdk.ActiveSetting}, and a check that every
     * distinct metadata can be decoded as the JDK would.
     */
    static final class Plan {
        final Source source;
        final Set<EventKind> wanted;
        final int[] parserChunk;
        final Map<Long, String> typeNames;
        /** The metadata of each chunk whose types the parsers are built from; handed out (once) to the parser. */
        private final Map<Integer, Metadata> metadataOf;

        private Plan(Source source, Set<EventKind> wanted, int[] parserChunk, Map<Long, String> typeNames,
                     Map<Integer, Metadata> metadataOf) {
            this.source = source;
            this.wanted = wanted;
            this.parserChunk = parserChunk;
            this.typeNames = typeNames;
            this.metadataOf = metadataOf;
        }

        synchronized Metadata takeMetadata(int chunk) {
            return metadataOf.remove(chunk);
        }

        /** A plan, or the reason (a String) to leave the file to the JDK's parser. */
        /** Distinct metadata kept parsed at a time (a file's chunks usually repeat one or two). */
        private static final int METADATA_CACHE = 4;

        static Object make(Source source, Set<EventKind> wanted) {
            List<RecordingLayout.ChunkHeader> chunks = source.layout.chunks();
            int[] parserChunk = new int[chunks.size()];
            Map<Long, String> typeNames = new HashMap<>();
            long previousId = 0;
            String previousLayout = null;
            MetadataBytes previousBytes = null;
            Map<MetadataBytes, Metadata> metadataCache = new HashMap<>();
            Map<Integer, Metadata> metadataOf = new HashMap<>();
            try {
                for (int c = 0; c < chunks.size(); c++) {
                    RecordingLayout.ChunkHeader h = chunks.get(c);
                    if (h.size() > Integer.MAX_VALUE) {
                        return "chunk " + c + " is larger than 2 GB";
                    }
                    ChunkInput in = new ChunkInput(source.map(h));
                    if ((in.rawLongAt(64) >>> 32 & 1) == 0) {
                        return "chunk " + c + " does not use compressed integers";
                    }
                    long metadataOffset = in.rawLongAt(24);
                    if (metadataOffset <= 0 || metadataOffset >= h.size()) {
                        return "chunk " + c + " has no metadata event";
                    }
                    long id = Metadata.peekId(in, (int) metadataOffset);
                    MetadataBytes bytes = metadataBytes(in, (int) metadataOffset);
                    if (c > 0 && id == previousId && bytes.equals(previousBytes)) {
                        parserChunk[c] = parserChunk[c - 1]; // the same metadata again: nothing new to learn
                        continue;
                    }
                    Metadata md = metadataCache.get(bytes);
                    if (md == null) {
                        md = Metadata.read(in, (int) metadataOffset);
                        if (metadataCache.size() >= METADATA_CACHE) {
                            metadataCache.clear();
                        }
                        metadataCache.put(bytes, md);
                        md.layout = md.layout();
                    }
                    String layout = md.layout;
                    // The JDK keeps its parsers (and their time base) while the metadata id repeats. Recordings
                    // of two JVMs concatenated can repeat an id with other type ids, which the JDK then
                    // misreads: there this reader takes the chunk's own types.
                    boolean rebuilt = c == 0 || id != previousId || !layout.equals(previousLayout);
                    parserChunk[c] = rebuilt ? c : parserChunk[c - 1];
                    if (rebuilt) {
                        metadataOf.put(c, md);
                    }
                    previousId = id;
                    previousLayout = layout;
                    previousBytes = bytes;
                    if (rebuilt) {
                        Object plans = EventPlan.plansFor(md, wanted);
                        if (plans instanceof String reason) {
                            return reason;
                        }
                    }
                    if (wanted.contains(EventKind.SETTING)) {
                        // As RecordingFile.readEventTypes: the first name seen for an id, over all chunks.
                        for (Metadata.Type t : md.allTypes) {
                            if (t.isEvent()) {
                                typeNames.putIfAbsent(t.id, t.name);
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                return "cannot plan the read: " + describe(e);
            }
            return new Plan(source, wanted, parserChunk, typeNames, metadataOf);
        }

        /** A metadata event's bytes, compared by content. */
        record MetadataBytes(byte[] bytes, int hash) {
            @Override
            public boolean equals(Object o) {
                return o instanceof MetadataBytes m && m.hash == hash && java.util.Arrays.equals(m.bytes, bytes);
            }

            @Override
            public int hashCode() {
                return hash;
            }
        }

        private static MetadataBytes metadataBytes(ChunkInput in, int offset) throws IOException {
            in.pos = offset;
            long size = in.readLong();
            if (size <= 0 || size > in.limit() - offset) {
                throw new IOException("metadata event size " + size + " beyond the chunk");
            }
            byte[] b = new byte[(int) size];
            in.slice(offset, (int) size).get(b);
            return new MetadataBytes(b, java.util.Arrays.hashCode(b));
        }
    }

    /** One read: a parsing producer and the delivering consumer (the calling thread). */
    private static final class Delivery {
        private final Plan plan;
        private final EventSink sink;
        private final boolean parallel;
        long parserCpuNanos = -1;

        Delivery(Plan plan, EventSink sink, boolean parallel) {
            this.plan = plan;
            // A sink's exception is a bug in the analysis: it must not be reported as a corrupt file.
            this.sink = GuardedSink.of(sink);
            this.parallel = parallel;
        }

        ReadStats run() throws UnreadableRecordingException {
            RecordingLayout layout = plan.source.layout;
            EventDispatcher dispatcher = new EventDispatcher(sink, plan.typeNames);
            sink.begin(layout, dispatcher.symbols());
            Map<String, long[]> counts = new HashMap<>();
            try {
                Producer producer = new Producer(plan);
                if (parallel) {
                    Pipeline pipeline = new Pipeline(producer);
                    try {
                        Object item;
                        while ((item = pipeline.take()) != Pipeline.END) {
                            consume(item, dispatcher, counts, producer.batches, sink, layout);
                        }
                        parserCpuNanos = pipeline.parserCpuNanos();
                    } finally {
                        pipeline.stop();
                    }
                } else {
                    producer.produce(item -> consume(item, dispatcher, counts, producer.batches, sink, layout));
                }
            } catch (CancellationException e) {
                throw e;
            } catch (AnalysisFailure e) {
                throw (RuntimeException) e.getCause();
            } catch (IOException | RuntimeException e) {
                if (e.getCause() instanceof CancellationException c) {
                    throw c;
                }
                if (e.getCause() instanceof AnalysisFailure f) {
                    throw (RuntimeException) f.getCause();
                }
                throw new UnreadableRecordingException("corrupt recording: Hashscope's JFR parser failed ("
                        + describe(e) + ")", e);
            }
            Map<String, Long> byName = new HashMap<>();
            counts.forEach((k, v) -> byName.put(k, v[0]));
            ReadStats stats = new ReadStats(layout, byName);
            sink.end(stats);
            return stats;
        }

        private static void consume(Object item, EventDispatcher dispatcher, Map<String, long[]> counts,
                                    ChunkDecoder.Batches batches, EventSink sink, RecordingLayout layout)
                throws IOException {
            if (item instanceof ChunkDecoder.Batch b) {
                dispatcher.deliver(b);
                long position = layout.chunks().get(b.chunk.index).offset() + b.endPos;
                batches.give(b);
                sink.position(position);
            } else if (item instanceof ChunkDecoder.ChunkEnd end) {
                for (EventPlan p : end.chunk().plans) {
                    long n = end.counts()[p.countIndex];
                    if (n > 0) {
                        counts.computeIfAbsent(p.type.name, k -> new long[1])[0] += n;
                    }
                }
            } else if (item instanceof Throwable t) {
                if (t instanceof IOException io) {
                    throw io;
                }
                if (t instanceof RuntimeException r) {
                    throw r;
                }
                throw new IOException(t);
            }
        }
    }

    /**
     * Parses the chunks in order and hands out: the chunk (to begin it), its batches, its end (counts).
     * A chunk of up to {@link #HEAP_CHUNK} bytes is copied to the heap (reading a byte[] is much faster than a
     * mapped buffer) into one of {@link #CHUNKS_IN_FLIGHT} reused buffers (the one being parsed and the one it
     * takes constants over from). Larger chunks are read mapped, off heap.
     */
    static final class Producer {
        static final int HEAP_CHUNK = 16 << 20;
        static final int CHUNKS_IN_FLIGHT = 2;
        private final ChunkBuffers buffers = new ChunkBuffers(CHUNKS_IN_FLIGHT);

        interface Out {
            void accept(Object item) throws IOException;
        }

        private final Plan plan;
        /** Batches the delivering side has finished with, for the parser to fill again. */
        final ChunkDecoder.Batches batches = new ChunkDecoder.Batches();

        Producer(Plan plan) {
            this.plan = plan;
        }

        void produce(Out out) throws IOException {
            List<RecordingLayout.ChunkHeader> chunks = plan.source.layout.chunks();
            Metadata metadata = null;
            EventPlan[] plans = null;
            TimeBase time = null;
            int metadataChunk = -1;
            Constants previous = null;
            Runnable releasePrevious = () -> { };
            for (int c = 0; c < chunks.size(); c++) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                RecordingLayout.ChunkHeader header = chunks.get(c);
                MappedByteBuffer mapped = plan.source.map(header);
                Runnable release = () -> { };
                ChunkInput in;
                if (header.size() <= HEAP_CHUNK) {
                    ChunkBuffers.Lease lease = buffers.take(mapped, (int) header.size());
                    in = new ChunkInput(lease.bytes());
                    release = lease::release;
                } else {
                    in = new ChunkInput(mapped);
                }
                int p = plan.parserChunk[c];
                if (p != metadataChunk) {
                    ChunkInput pin = p == c ? in : new ChunkInput(plan.source.map(chunks.get(p)));
                    Metadata planned = plan.takeMetadata(p);
                    metadata = planned != null ? planned : Metadata.read(pin, (int) pin.rawLongAt(24));
                    Object made = EventPlan.plansFor(metadata, plan.wanted);
                    if (made instanceof String reason) {
                        throw new IOException(reason);
                    }
                    @SuppressWarnings("unchecked")
                    List<EventPlan> list = (List<EventPlan>) made;
                    plans = ChunkDecoder.toArray(list);
                    time = new TimeBase(pin.rawLongAt(48), pin.rawLongAt(32), pin.rawLongAt(56));
                    metadataChunk = p;
                }
                ConstantPools pools = ConstantPools.index(in, in.rawLongAt(16), metadata);
                Constants constants = new Constants(in.duplicate(), metadata, pools, p == c);
                if (previous != null) {
                    constants.carryFrom(previous);
                }
                // What this chunk takes over is decoded: the previous chunk's bytes are no longer needed.
                releasePrevious.run();
                previous = constants;
                releasePrevious = release;
                ChunkDecoder.Chunk chunk = new ChunkDecoder.Chunk(c, constants, plans);
                long[] counts = new ChunkDecoder(in, chunk, time, batches).decode(out::accept);
                out.accept(new ChunkDecoder.ChunkEnd(chunk, counts));
            }
            releasePrevious.run();
        }
    }
}
