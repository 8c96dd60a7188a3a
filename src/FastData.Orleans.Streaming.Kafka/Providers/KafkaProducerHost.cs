using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;
using Microsoft.Extensions.Logging;

namespace FastData.Orleans.Streaming.Kafka.Providers;

/// <summary>
/// The provider's one idempotent producer (acks=all), created on first use; it writes stream batches, dead letters and
/// records published through <see cref="IKafkaPublisher"/>.
/// </summary>
internal sealed partial class KafkaProducerHost(KafkaStreamOptions options, string providerName, ILogger logger) : IKafkaPublisher, IAsyncDisposable, IDisposable
{
    private readonly Lazy<IProducer<byte[], byte[]>> _producer = new(
        () => new ProducerBuilder<byte[], byte[]>(KafkaClientSettings.Producer(options, providerName))
            .SetErrorHandler((_, error) => LogWarningProducerError(logger, providerName, error.Code, error.Reason, error.IsFatal))
            .Build(),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public IProducer<byte[], byte[]> Producer => _producer.Value;

    public async Task<KafkaPublishResult> PublishAsync(string topic, byte[]? key, byte[]? value, IReadOnlyList<KeyValuePair<string, byte[]>>? headers = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        var message = new Message<byte[], byte[]> { Key = key!, Value = value! };
        if (headers is { Count: > 0 })
        {
            message.Headers = [];
            foreach (var (name, bytes) in headers)
            {
                message.Headers.Add(name, bytes);
            }
        }

        try
        {
            var result = await Producer.ProduceAsync(topic, message, cancellationToken).ConfigureAwait(false);
            return new KafkaPublishResult(result.Topic, result.Partition.Value, result.Offset.Value);
        }
        catch (ProduceException<byte[], byte[]> exception)
        {
            throw new KafkaPublishException($"Kafka stream provider '{providerName}': writing to topic '{topic}' failed: {exception.Error.Code} {exception.Error.Reason}", exception);
        }
    }

    public Task PublishBatchAsync(string topic, IReadOnlyList<KafkaOutgoingRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var remaining = records.Count;
        Error? firstError = null;
        void OnDelivered(DeliveryReport<byte[], byte[]> report)
        {
            if (report.Error.IsError)
            {
                Interlocked.CompareExchange(ref firstError, report.Error, null);
            }

            if (Interlocked.Decrement(ref remaining) == 0)
            {
                if (firstError is { } error)
                {
                    completion.TrySetException(new KafkaPublishException($"Kafka stream provider '{providerName}': writing to topic '{topic}' failed: {error.Code} {error.Reason}"));
                }
                else
                {
                    completion.TrySetResult();
                }
            }
        }

        var producer = Producer;
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var message = new Message<byte[], byte[]> { Key = record.Key!, Value = record.Value! };
            ProduceWithBackpressure(producer, record.Partition is { } partition ? new TopicPartition(topic, partition) : new TopicPartition(topic, Partition.Any), message, OnDelivered);
        }

        return completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Produces, waiting for room when librdkafka's local queue is full instead of failing.</summary>
    public static void ProduceWithBackpressure(IProducer<byte[], byte[]> producer, TopicPartition target, Message<byte[], byte[]> message, Action<DeliveryReport<byte[], byte[]>> onDelivered)
    {
        while (true)
        {
            try
            {
                producer.Produce(target, message, onDelivered);
                return;
            }
            catch (ProduceException<byte[], byte[]> exception) when (exception.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        // The container disposes this instance once per registration that exposes it (keyed, unkeyed, as publisher).
        if (!_producer.IsValueCreated || Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        var producer = _producer.Value;
        await Task.Run(() =>
        {
            producer.Flush(TimeSpan.FromSeconds(10));
            producer.Dispose();
        }).ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka stream provider {Provider}: producer error {Code}: {Reason} (fatal: {IsFatal})")]
    private static partial void LogWarningProducerError(ILogger logger, string provider, ErrorCode code, string reason, bool isFatal);
}
