using FastData.Orleans.Streaming.Kafka;

namespace FastData.Grains.Abstractions;

/// <summary>Where a projection record's current content came from; stored with it so that replays are harmless.</summary>
[GenerateSerializer, Immutable, Alias("FastData.SourcePosition")]
public sealed record SourcePosition(
    [property: Id(0)] string Topic,
    [property: Id(1)] int Partition,
    [property: Id(2)] long Offset,
    [property: Id(3)] int Index,
    [property: Id(4)] string? Ordering)
{
    public static SourcePosition Of(KafkaChangeEvent change) =>
        new(change.Topic, change.Partition, change.Offset, change.Index, change.SourceOrdering);

    /// <summary>
    /// Orders two positions of the same record. The source's own ordering (Debezium lsn, GoldenGate pos) decides
    /// when both have one and they differ: it survives re-partitioning and replays into other topics. Otherwise
    /// offsets decide within one topic-partition. Positions in different partitions without an ordering cannot be
    /// compared: the newer arrival wins (returns 1).
    /// </summary>
    public int CompareTo(SourcePosition stored)
    {
        if (Ordering is not null && stored.Ordering is not null)
        {
            var byOrdering = KafkaChangeEvent.CompareSourceOrdering(Ordering, stored.Ordering);
            if (byOrdering != 0)
            {
                return byOrdering;
            }
        }

        if (string.Equals(Topic, stored.Topic, StringComparison.Ordinal) && Partition == stored.Partition)
        {
            var byOffset = Offset.CompareTo(stored.Offset);
            return byOffset != 0 ? byOffset : Index.CompareTo(stored.Index);
        }

        return Ordering is not null && stored.Ordering is not null ? 0 : 1;
    }
}
