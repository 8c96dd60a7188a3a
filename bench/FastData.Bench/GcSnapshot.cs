namespace FastData.Bench;

/// <summary>
/// The collector's counts and pause time at one moment: the difference between two says how much of a phase the GC
/// took (blocking gen2 collections of a large heap of records show up directly in the freshness p99).
/// </summary>
internal readonly record struct GcSnapshot(int Gen0, int Gen1, int Gen2, TimeSpan Pause, long Allocated, TimeSpan Cpu, TimeSpan Jit, long JitMethods, KafkaThreadCpu Kafka)
{
    public static GcSnapshot Take() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(),
            System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime, System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount(),
            KafkaThreadCpu.Take());

    /// <summary>The process's CPU time since <paramref name="start"/> per record: steadier than a rate on a shared
    /// machine, since time the process waits for a core does not count.</summary>
    public double CpuMicrosecondsPerRecord(GcSnapshot start, long records) => (Cpu - start.Cpu).TotalMicroseconds / Math.Max(1, records);

    public string CpuPerRecord(GcSnapshot start, long records) =>
        $"CPU {(Cpu - start.Cpu).TotalSeconds:0.00} s ({CpuMicrosecondsPerRecord(start, records):0} µs per record, every thread of the process: grains, Kafka, GC; "
        + $"of which the embedded broker {(Kafka.Broker - start.Kafka.Broker).TotalMicroseconds / Math.Max(1, records):0} µs and the Kafka clients {(Kafka.Clients - start.Kafka.Clients).TotalMicroseconds / Math.Max(1, records):0} µs), "
        + $"allocated {(Allocated - start.Allocated) / Math.Max(1, records) / 1024.0:0.0} KiB per record; "
        + $"the JIT compiled {JitMethods - start.JitMethods} methods meanwhile in {(Jit - start.Jit).TotalSeconds:0.00} s (tiered compilation still optimising)";

    public string Since(GcSnapshot start, TimeSpan elapsed)
    {
        // A gen0/gen1 pause grows with what survives it: the last one's promoted bytes say how much that is.
        var last = GC.GetGCMemoryInfo(GCKind.Ephemeral);
        // The process's CPU time over the phase's wall clock and every core: near 100 %, records queue for a core.
        var cores = elapsed * Environment.ProcessorCount;
        var busy = (Cpu - start.Cpu) / cores;
        return $"CPU {busy:P0} of {Environment.ProcessorCount} cores (embedded broker {(Kafka.Broker - start.Kafka.Broker) / cores:P0}, Kafka clients {(Kafka.Clients - start.Kafka.Clients) / cores:P0}); GC {Gen0 - start.Gen0}/{Gen1 - start.Gen1}/{Gen2 - start.Gen2} collections (gen0/1/2), paused {(Pause - start.Pause).TotalMilliseconds:0} ms "
            + $"({(Pause - start.Pause) / elapsed:P1} of the phase), allocated {(Allocated - start.Allocated) / 1024 / 1024} MiB; "
            + $"last ephemeral GC (gen{last.Generation}): promoted {last.PromotedBytes / 1024 / 1024} MiB, paused {last.PauseDurations[0].TotalMilliseconds:0} ms, heap {last.HeapSizeBytes / 1024 / 1024} MiB";
    }
}
