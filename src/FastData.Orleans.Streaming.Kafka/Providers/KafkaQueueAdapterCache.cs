using Orleans.Streams;

namespace FastData.Orleans.Streaming.Kafka.Providers;

/// <summary>Creates one <see cref="KafkaQueueCache"/> per partition queue.</summary>
internal sealed class KafkaQueueAdapterCache(int cacheSize, DeliveryRelay relay) : IQueueAdapterCache
{
    public IQueueCache CreateQueueCache(QueueId queueId) =>
        new KafkaQueueCache(cacheSize, () => relay.TryGet(queueId, out var listener) ? listener : null);
}
