using System.Diagnostics;

namespace FastData.Bench;

/// <summary>One single view persisted: when (Stopwatch timestamp, taken as the sample is recorded, right after the
/// write) and how long after its oldest change's Kafka record was produced.</summary>
internal readonly record struct FreshnessSample(long RecordedAt, double Milliseconds)
{
    /// <summary>When the change was produced, on the same clock.</summary>
    public long ProducedAt => RecordedAt - (long)(Milliseconds * Stopwatch.Frequency / 1000);
}
