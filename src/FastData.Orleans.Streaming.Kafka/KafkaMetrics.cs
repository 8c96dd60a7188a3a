using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FastData.Orleans.Streaming.Kafka;

/// <summary>
/// The provider's instruments on the <c>FastData.Kafka</c> meter: records consumed, events handed over to Orleans,
/// records dead-lettered, commit duration and consumer lag per partition. Tags: <c>provider</c>, <c>topic</c>, and
/// <c>partition</c> or <c>reason</c> where they apply.
/// </summary>
public static class KafkaMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "FastData.Kafka";

    private static readonly Meter s_meter = new(MeterName, "1.0");
    private static readonly ConcurrentDictionary<ILagSource, byte> s_lagSources = new();

    internal static readonly Counter<long> RecordsConsumed = s_meter.CreateCounter<long>("fastdata.kafka.records.consumed", "{record}", "Kafka records read from ingestion topics.");
    internal static readonly Counter<long> EventsHandedOver = s_meter.CreateCounter<long>("fastdata.kafka.events.handed_over", "{event}", "Change events handed to Orleans for delivery.");
    internal static readonly Counter<long> RecordsDeadLettered = s_meter.CreateCounter<long>("fastdata.kafka.records.dead_lettered", "{record}", "Records that could not be decoded and went to the dead-letter topic.");
    internal static readonly Counter<long> RecordsDelivered = s_meter.CreateCounter<long>("fastdata.kafka.records.delivered", "{record}", "Records whose events Orleans reported delivered (offsets committable).");
    internal static readonly Counter<long> RecordsUndelivered = s_meter.CreateCounter<long>("fastdata.kafka.records.undelivered", "{event}", "Events Orleans gave up delivering; the partition's commits stop before them until it is read again.");
    internal static readonly Histogram<double> CommitDuration = s_meter.CreateHistogram<double>("fastdata.kafka.commit.duration", "ms", "Time to commit offsets to Kafka.");
    internal static readonly Counter<long> CommitFailures = s_meter.CreateCounter<long>("fastdata.kafka.commit.failures", "{commit}", "Offset commits that failed (retried at the next interval).");

    static KafkaMetrics()
    {
        s_meter.CreateObservableGauge("fastdata.kafka.consumer.lag", ObserveLag, "{record}", "Records in the partition not yet read (high watermark minus next offset).");
    }

    internal static void Register(ILagSource source) => s_lagSources.TryAdd(source, 0);

    internal static void Unregister(ILagSource source) => s_lagSources.TryRemove(source, out _);

    internal static TagList Tags(string provider, string topic) => new() { { "provider", provider }, { "topic", topic } };

    private static IEnumerable<Measurement<long>> ObserveLag()
    {
        foreach (var source in s_lagSources.Keys)
        {
            foreach (var measurement in source.ObserveLag())
            {
                yield return measurement;
            }
        }
    }
}

/// <summary>Something that can report consumer lag per partition.</summary>
internal interface ILagSource
{
    IEnumerable<Measurement<long>> ObserveLag();
}
