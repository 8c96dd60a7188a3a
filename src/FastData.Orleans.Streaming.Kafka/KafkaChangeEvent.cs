using System.Text;

namespace FastData.Orleans.Streaming.Kafka;

/// <summary>
/// One typed change decoded from a Kafka record; the item type of every stream of the Kafka stream provider.
/// </summary>
/// <remarks>
/// <para><see cref="Before"/> and <see cref="After"/> are the raw UTF-8 JSON objects of the record images exactly as the
/// source wrote them (slices of the Kafka record value, never re-encoded), or empty when the source sent none. Parse them
/// with <c>System.Text.Json</c> (<c>JsonDocument.Parse(evt.After)</c> or <c>Utf8JsonReader</c>).</para>
/// <para>The source position (<see cref="Topic"/>, <see cref="Partition"/>, <see cref="Offset"/>, <see cref="Index"/>)
/// totally orders the events of one partition; <see cref="SourceOrdering"/> is the source's own ordering value where the
/// format has one (GoldenGate <c>pos</c>, Debezium <c>source.lsn</c> else <c>ts_ms</c>), as decimal digits; compare two
/// with <see cref="CompareSourceOrdering"/>.</para>
/// </remarks>
[GenerateSerializer, Immutable, Alias("FastData.Kafka.ChangeEvent")]
public sealed class KafkaChangeEvent
{
    /// <summary>Creates a change event.</summary>
    public KafkaChangeEvent(
        ChangeOperation operation,
        string key,
        ReadOnlyMemory<byte> before,
        ReadOnlyMemory<byte> after,
        string topic,
        int partition,
        long offset,
        int index,
        DateTimeOffset timestamp,
        string? sourceOrdering)
    {
        Operation = operation;
        Key = key;
        Before = before;
        After = after;
        Topic = topic;
        Partition = partition;
        Offset = offset;
        Index = index;
        Timestamp = timestamp;
        SourceOrdering = sourceOrdering;
    }

    /// <summary>Upsert or delete.</summary>
    [Id(0)] public ChangeOperation Operation { get; }

    /// <summary>The canonical primary-key string: key values in declared order, '%' as %25 and '|' as %7C, joined by '|'.</summary>
    [Id(1)] public string Key { get; }

    /// <summary>The record image before the change as UTF-8 JSON, or empty.</summary>
    [Id(2)] public ReadOnlyMemory<byte> Before { get; }

    /// <summary>The record image after the change as UTF-8 JSON, or empty (always empty for deletes).</summary>
    [Id(3)] public ReadOnlyMemory<byte> After { get; }

    /// <summary>The Kafka topic the record was read from.</summary>
    [Id(4)] public string Topic { get; }

    /// <summary>The Kafka partition the record was read from.</summary>
    [Id(5)] public int Partition { get; }

    /// <summary>The Kafka offset of the record.</summary>
    [Id(6)] public long Offset { get; }

    /// <summary>The event's index within its record: 0, or 1 for the upsert that follows the delete of a primary-key change.</summary>
    [Id(7)] public int Index { get; }

    /// <summary>The Kafka record timestamp.</summary>
    [Id(8)] public DateTimeOffset Timestamp { get; }

    /// <summary>The source's ordering value as decimal digits, or null when the record carries none.</summary>
    [Id(9)] public string? SourceOrdering { get; }

    /// <summary>True when <see cref="Before"/> holds an image.</summary>
    public bool HasBefore => !Before.IsEmpty;

    /// <summary>True when <see cref="After"/> holds an image.</summary>
    public bool HasAfter => !After.IsEmpty;

    /// <summary>
    /// Compares two <see cref="SourceOrdering"/> values numerically without limit on their length (GoldenGate positions
    /// exceed 64 bits); null sorts first.
    /// </summary>
    public static int CompareSourceOrdering(string? left, string? right)
    {
        if (left is null || right is null)
        {
            return left is null ? (right is null ? 0 : -1) : 1;
        }

        var l = left.AsSpan().TrimStart('0');
        var r = right.AsSpan().TrimStart('0');
        return l.Length != r.Length ? l.Length.CompareTo(r.Length) : l.SequenceCompareTo(r);
    }

    /// <summary>Compares the source positions (partition offset, then index) of two events of the same topic-partition.</summary>
    public int ComparePosition(KafkaChangeEvent other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var byOffset = Offset.CompareTo(other.Offset);
        return byOffset != 0 ? byOffset : Index.CompareTo(other.Index);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append(Operation).Append(' ').Append(Key).Append(" @ ").Append(Topic).Append('/').Append(Partition).Append('/').Append(Offset);
        if (Index != 0)
        {
            builder.Append('#').Append(Index);
        }

        return builder.ToString();
    }
}
