using System.Globalization;
using Orleans.Streams;

namespace FastData.Orleans.Streaming.Kafka.Providers;

/// <summary>The position of a stream event: Kafka partition, offset, and the event's index within its record.</summary>
[GenerateSerializer, Immutable, Alias("FastData.Kafka.SequenceToken")]
public sealed class KafkaSequenceToken : StreamSequenceToken
{
    /// <summary>Creates a token.</summary>
    public KafkaSequenceToken(int partition, long offset, int eventIndex)
    {
        Partition = partition;
        SequenceNumber = offset;
        EventIndex = eventIndex;
    }

    /// <summary>The Kafka partition.</summary>
    [Id(0)] public int Partition { get; private set; }

    /// <summary>The Kafka offset.</summary>
    [Id(1)] public override long SequenceNumber { get; protected set; }

    /// <summary>The event's index within its record.</summary>
    [Id(2)] public override int EventIndex { get; protected set; }

    /// <summary>The Kafka offset (same as <see cref="SequenceNumber"/>).</summary>
    public long Offset => SequenceNumber;

    /// <inheritdoc />
    public override bool Equals(StreamSequenceToken? other) =>
        other is KafkaSequenceToken token && token.Partition == Partition && token.SequenceNumber == SequenceNumber && token.EventIndex == EventIndex;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as StreamSequenceToken);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Partition, SequenceNumber, EventIndex);

    /// <inheritdoc />
    /// <remarks>Tokens of one queue share a partition; across partitions the partition number decides, for a total order.</remarks>
    public override int CompareTo(StreamSequenceToken? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (other is not KafkaSequenceToken token)
        {
            throw new ArgumentOutOfRangeException(nameof(other), $"Cannot compare a Kafka sequence token with a {other.GetType().Name}.");
        }

        var byPartition = Partition.CompareTo(token.Partition);
        if (byPartition != 0)
        {
            return byPartition;
        }

        var byOffset = SequenceNumber.CompareTo(token.SequenceNumber);
        return byOffset != 0 ? byOffset : EventIndex.CompareTo(token.EventIndex);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[Kafka {Partition}@{SequenceNumber}#{EventIndex}]");
}
