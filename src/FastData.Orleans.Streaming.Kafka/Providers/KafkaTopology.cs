using Confluent.Kafka;
using FastData.Orleans.Streaming.Kafka.Formats;
using Orleans.Streams;

namespace FastData.Orleans.Streaming.Kafka.Providers;

/// <summary>One configured topic, resolved: its format, key fields and partition count.</summary>
internal sealed class TopicBinding(string topic, string streamNamespace, IKafkaMessageFormat format, KafkaKeyFields keyFields, int partitions)
{
    public string Topic { get; } = topic;

    public string StreamNamespace { get; } = streamNamespace;

    public IKafkaMessageFormat Format { get; } = format;

    public KafkaKeyFields KeyFields { get; } = keyFields;

    public int Partitions { get; } = partitions;
}

/// <summary>
/// The topics of a provider and their queues: one Orleans queue per topic-partition, with hashes spread evenly over the
/// ring so that the consistent-ring balancer gives each silo a fair share of partitions.
/// </summary>
internal sealed class KafkaTopology
{
    private readonly Dictionary<QueueId, (TopicBinding Binding, int Partition)> _byQueue = [];
    private readonly Dictionary<string, QueueId[]> _queuesByTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TopicBinding> _byNamespace = new(StringComparer.Ordinal);

    public KafkaTopology(IReadOnlyList<TopicBinding> bindings)
    {
        Bindings = bindings;
        var total = bindings.Sum(b => b.Partitions);
        var portion = (uint.MaxValue / (uint)Math.Max(total, 1)) + 1;
        var queues = new List<QueueId>(total);
        var index = 0u;
        foreach (var binding in bindings)
        {
            var topicQueues = new QueueId[binding.Partitions];
            for (var partition = 0; partition < binding.Partitions; partition++)
            {
                var queue = QueueId.GetQueueId(binding.Topic, (uint)partition, index * portion);
                index++;
                topicQueues[partition] = queue;
                queues.Add(queue);
                _byQueue[queue] = (binding, partition);
            }

            _queuesByTopic[binding.Topic] = topicQueues;
            _byNamespace.TryAdd(binding.StreamNamespace, binding);
        }

        Queues = queues;
    }

    public IReadOnlyList<TopicBinding> Bindings { get; }

    public IReadOnlyList<QueueId> Queues { get; }

    public (TopicBinding Binding, int Partition) Resolve(QueueId queueId) =>
        _byQueue.TryGetValue(queueId, out var found)
            ? found
            : throw new ArgumentException($"Queue {queueId} is not a partition of any configured Kafka topic.", nameof(queueId));

    public TopicPartition TopicPartitionOf(QueueId queueId)
    {
        var (binding, partition) = Resolve(queueId);
        return new TopicPartition(binding.Topic, partition);
    }

    public QueueId QueueOf(string topic, int partition) => _queuesByTopic[topic][partition];

    public bool TryGetByNamespace(string streamNamespace, out TopicBinding binding) => _byNamespace.TryGetValue(streamNamespace, out binding!);
}
