using System.Globalization;

namespace FastData.Bench;

/// <summary>Command-line settings: <c>--records N --warmup W --customers N --products N --phase-seconds S --event-bytes B
/// --direct-lanes L --sv-interval-ms I --sv-window-ms V --sv-slots S --fetch-wait-ms F --pull-wait-ms W --alloc-types T</c> (W: records run through first and not measured, so that the measured records run optimised code, as a server
/// does once tiered compilation has caught up; L &gt; 0: measure the grains alone, without Kafka, instead of the
/// whole pipeline; I: the single views' <c>MinRunInterval</c>; V: their <c>CoalesceWindow</c>; <c>--sv-window-busy N</c>: their <c>CoalesceWindowBusyAt</c>; S: their <c>MaxConcurrentAggregations</c>, 0 = no bound; F: the consumer's <c>fetch.wait.max.ms</c>; T &gt; 0: print the T types that the measured records allocate most; <c>--sv-events kafka|count</c>: publish the sv-update events on the embedded Kafka (the default) or only count them; <c>--sv-documents 1</c>: with their documents before and after; <c>--buffer N</c> and <c>--cache-size N</c>: the provider's <c>MaxBufferedRecordsPerPartition</c> and <c>CacheSize</c>, its defaults otherwise; <c>--paced-rates R1,R2</c>: paced phases at those records/s instead of 25, 50 and 75 % of the measured throughput; <c>--insert-weight W</c> and <c>--pk-change-rate R</c>: the generator's weight of inserts in the change mix (30) and rate of primary-key changes (0.01), 0 and 0 for a change stream on known keys only).</summary>
internal sealed record BenchSettings(int Records, int Warmup, int Customers, int Products, double PhaseSeconds, int EventBytes, int DirectLanes, int SingleViewIntervalMs, int FetchWaitMs, int PullWaitMs, int SingleViewSlots, int SingleViewWindowMs, int AllocationTypes, int SingleViewWindowBusyAt, bool SingleViewEvents, bool SingleViewDocuments, int? Buffer, int? CacheSize, int EngineItems, double InsertWeight, double PrimaryKeyChangeRate, IReadOnlyList<double> PacedRates)
{
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "records", "warmup", "customers", "products", "phase-seconds", "event-bytes", "direct-lanes", "sv-interval-ms", "fetch-wait-ms", "pull-wait-ms",
        "sv-slots", "sv-window-ms", "alloc-types", "sv-window-busy", "sv-events", "sv-documents", "buffer", "cache-size", "engine-items", "insert-weight", "pk-change-rate",
        "paced-rates",
    };

    /// <summary><c>--sv-events kafka</c> (the default) publishes the sv-update events on the embedded Kafka, as the host
    /// does; <c>--sv-events count</c> only counts them.</summary>
    private static bool ParseSingleViewEvents(Dictionary<string, string> values) =>
        !values.TryGetValue("sv-events", out var mode) || mode switch
        {
            "kafka" => true,
            "count" => false,
            _ => throw new ArgumentException($"--sv-events must be kafka or count, got '{mode}'."),
        };

    /// <summary><c>--paced-rates 1500,3000</c>: paced phases at these records/s instead of 25, 50 and 75 % of the measured
    /// throughput.</summary>
    private static double[] Rates(Dictionary<string, string> values) =>
        values.TryGetValue("paced-rates", out var list)
            ? [.. list.Split(',').Select(r => double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0
                ? rate
                : throw new ArgumentException($"--paced-rates takes positive records/s separated by commas, got '{list}'."))]
            : [];

    public static BenchSettings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected an option like --records, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        if (args.Length % 2 != 0)
        {
            throw new ArgumentException($"The option '{args[^1]}' has no value.");
        }

        if (values.Keys.FirstOrDefault(name => !Known.Contains(name)) is { } unknown)
        {
            throw new ArgumentException($"Unknown option --{unknown}; the options are --{string.Join(", --", Known.Order(StringComparer.Ordinal))}.");
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        double Double(string name, double fallback) => values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchSettings(Int("records", 100_000), Int("warmup", 40_000), Int("customers", 2_000), Int("products", 300), Double("phase-seconds", 8), Int("event-bytes", 1024), Int("direct-lanes", 0),
            Int("sv-interval-ms", 20), Int("fetch-wait-ms", 5), Int("pull-wait-ms", 200), Int("sv-slots", 0), Int("sv-window-ms", 10), Int("alloc-types", 0), Int("sv-window-busy", Environment.ProcessorCount),
            ParseSingleViewEvents(values), Int("sv-documents", 0) != 0,
            values.ContainsKey("buffer") ? Int("buffer", 0) : null, values.ContainsKey("cache-size") ? Int("cache-size", 0) : null,
            Int("engine-items", 0), Double("insert-weight", 30), Double("pk-change-rate", 0.01), Rates(values));
    }
}
