using Orleans.Runtime;
using Orleans.Streams;

namespace FastData.Orleans.Streaming.Kafka.Providers;

/// <summary>
/// The change events of one stream key read in one pull from one partition, in partition order. The container's token is
/// its first event's position; each event carries its own. Immutable once built, so Orleans hands the same instance to a
/// grain of the same silo instead of deep-copying its events for every delivery.
/// </summary>
[GenerateSerializer, Immutable, Alias("FastData.Kafka.BatchContainer")]
internal sealed class KafkaBatchContainer : IBatchContainer
{
    [NonSerialized]
    private KafkaSequenceToken? _token;

    [NonSerialized]
    private object? _origin;

    public KafkaBatchContainer(StreamId streamId, KafkaChangeEvent[] events, int count)
    {
        StreamId = streamId;
        Events = events;
        Count = count;
    }

    [Id(0)] public StreamId StreamId { get; private set; }

    /// <summary>The receiver that read the container (not serialised): only it may count the container as delivered.</summary>
    internal object? Origin
    {
        get => _origin;
        init => _origin = value;
    }

    /// <summary>The events; only the first <see cref="Count"/> are used (the array may be larger to spare a copy).</summary>
    [Id(1)] public KafkaChangeEvent[] Events { get; private set; }

    [Id(2)] public int Count { get; private set; }

    /// <summary>The first event's position (computed once: Orleans reads it several times per delivery).</summary>
    public StreamSequenceToken SequenceToken => _token ??= new KafkaSequenceToken(Events[0].Partition, Events[0].Offset, Events[0].Index);

    /// <summary>The offset of the first record, which orders the container in its partition.</summary>
    public long FirstOffset => Events[0].Offset;

    /// <summary>The offset of the last record.</summary>
    public long LastOffset => Events[Count - 1].Offset;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        for (var i = 0; i < Count; i++)
        {
            if (Events[i] is T item)
            {
                var change = Events[i];
                yield return Tuple.Create(item, (StreamSequenceToken)new KafkaSequenceToken(change.Partition, change.Offset, change.Index));
            }
        }
    }

    public bool ImportRequestContext() => false;

    public override string ToString() => $"[KafkaBatchContainer {StreamId} {Count} event(s) from {Events[0].Partition}@{Events[0].Offset}]";
}
