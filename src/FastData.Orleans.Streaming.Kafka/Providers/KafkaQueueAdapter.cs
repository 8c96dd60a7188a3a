using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace FastData.Orleans.Streaming.Kafka.Providers;

/// <summary>The provider's queue adapter: creates one receiver per topic-partition and produces stream batches to Kafka.</summary>
internal sealed class KafkaQueueAdapter(
    string name,
    KafkaTopology topology,
    KafkaConsumerHub hub,
    DeadLetterWriter deadLetters,
    KafkaProducerHost producer,
    DeliveryRelay relay,
    KafkaStreamOptions options,
    ILoggerFactory loggerFactory,
    IKafkaIngestionPause? pause) : IQueueAdapter
{
    public string Name { get; } = name;

    /// <summary>Not rewindable: a subscription cannot ask for events older than the cache (Kafka offsets are managed by commit).</summary>
    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId)
    {
        var (binding, partition) = topology.Resolve(queueId);
        return new KafkaQueueAdapterReceiver(Name, queueId, binding, partition, hub, deadLetters, producer, relay, options, loggerFactory.CreateLogger<KafkaQueueAdapterReceiver>(), pause);
    }

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException("The Kafka stream provider does not accept sequence tokens from producers: Kafka assigns offsets.", nameof(token));
        }

        var streamNamespace = streamId.GetNamespace() ?? string.Empty;
        if (!topology.TryGetByNamespace(streamNamespace, out var binding))
        {
            throw new ArgumentException($"Stream namespace '{streamNamespace}' is not mapped to a Kafka topic of provider '{Name}'.", nameof(streamId));
        }

        var partition = KafkaPartitioner.PartitionFor(streamId.GetKeyAsString(), binding.Partitions);
        var records = new List<KafkaOutgoingRecord>();
        foreach (var item in events)
        {
            if (item is not KafkaChangeEvent change)
            {
                throw new NotSupportedException($"The Kafka stream provider '{Name}' produces {nameof(KafkaChangeEvent)} items only, not {item?.GetType().Name ?? "null"}.");
            }

            var (key, value) = ChangeEventEncoder.Encode(binding, change);
            records.Add(new KafkaOutgoingRecord(key, value, partition));
        }

        await producer.PublishBatchAsync(binding.Topic, records).ConfigureAwait(false);
    }
}
