using System.Diagnostics.Metrics;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>The provider's instruments, on the meter <see cref="MeterName"/> (export it with OpenTelemetry/Prometheus).</summary>
public static class MongoDBStorageMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "FastData.Orleans.Persistence.MongoDB";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "fastdata.mongodb.group_commit.batch_size", unit: "{write}", description: "Grain writes sent in one bulk write command.");

    internal static readonly Histogram<double> BulkWriteDuration = Meter.CreateHistogram<double>(
        "fastdata.mongodb.group_commit.duration", unit: "ms", description: "Time from sending a bulk write to MongoDB's acknowledgement.");

    internal static readonly Counter<long> Writes = Meter.CreateCounter<long>(
        "fastdata.mongodb.writes", unit: "{write}", description: "Grain writes acknowledged by MongoDB.");

    internal static readonly Counter<long> Conflicts = Meter.CreateCounter<long>(
        "fastdata.mongodb.conflicts", unit: "{write}", description: "Writes and clears refused by the version check.");

    internal static readonly Counter<long> Failures = Meter.CreateCounter<long>(
        "fastdata.mongodb.failures", unit: "{write}", description: "Writes that failed for another reason than a version conflict.");
}
