using System.Globalization;

namespace FastData.Orleans.Streaming.Kafka.Bench;

/// <summary>What one run measures; every value can be set with <c>--name value</c>.</summary>
/// <remarks><c>Warmup</c> records come first, on keys of their own, and are not measured: a server runs its hot code
/// after tiered compilation optimised it, and a cold process spends the first seconds compiling.</remarks>
internal sealed record BenchSettings(int Records, int Warmup, int Keys, int Partitions, int ValueBytes, int Brokers, bool Coalesce, int PullPeriodMs, int PullWaitMs, int CacheSize, int Buffer, bool SkipPlain, bool Progress, bool ObserverGrains, int Floor)
{
    /// <summary>Warm-up and measured records.</summary>
    public int Total => Warmup + Records;

    public static BenchSettings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new BenchSettings(
            Records: Int("records", 200_000),
            Warmup: Int("warmup", 40_000),
            Keys: Int("keys", 20_000),
            Partitions: Int("partitions", 64),
            ValueBytes: Int("size", 1024),
            Brokers: Int("brokers", 1),
            Coalesce: Int("coalesce", 1) != 0,
            PullPeriodMs: Int("pull-period-ms", 10),
            PullWaitMs: Int("pull-wait-ms", 200),
            CacheSize: Int("cache-size", 8192),
            Buffer: Int("buffer", 2048),
            SkipPlain: Int("skip-plain", 0) != 0,
            Progress: Int("progress", 0) != 0,
            ObserverGrains: values.TryGetValue("subscribe", out var subscribe) && subscribe == "observer",
            Floor: Int("floor", 0));
    }
}
