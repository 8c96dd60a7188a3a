using System.Globalization;
using System.Text;
using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;
using FastData.Orleans.Streaming.Kafka.Formats;
using Microsoft.Extensions.Logging;

namespace FastData.Orleans.Streaming.Kafka.Providers;

/// <summary>
/// Sends records that cannot be decoded to the dead-letter topic, unchanged, with the reason and the original position in
/// headers. Asynchronous: the partition goes on at once; the returned ticket completes when the dead letter is stored (or
/// failed for good, which is logged), and the partition's offset is not committed past the record before that.
/// </summary>
internal sealed partial class DeadLetterWriter(KafkaStreamOptions options, string providerName, KafkaProducerHost producer, ILogger logger)
{
    public const string ReasonHeader = "fastdata-dlq-reason";
    public const string DetailHeader = "fastdata-dlq-detail";
    public const string TopicHeader = "fastdata-dlq-topic";
    public const string PartitionHeader = "fastdata-dlq-partition";
    public const string OffsetHeader = "fastdata-dlq-offset";

    public DeadLetterTicket Send(ConsumeResult<byte[], byte[]> record, KafkaDeadLetterReason reason, string detail)
    {
        var ticket = new DeadLetterTicket(record.Offset.Value);
        KafkaMetrics.RecordsDeadLettered.Add(1, new KeyValuePair<string, object?>("provider", providerName), new KeyValuePair<string, object?>("topic", record.Topic), new KeyValuePair<string, object?>("reason", reason.ToCode()));
        LogWarningDeadLettered(logger, providerName, record.Topic, record.Partition.Value, record.Offset.Value, reason.ToCode(), detail);
        if (string.IsNullOrEmpty(options.DeadLetterTopic))
        {
            ticket.Complete();
            return ticket;
        }

        var message = new Message<byte[], byte[]>
        {
            Key = record.Message.Key,
            Value = record.Message.Value,
            Timestamp = record.Message.Timestamp,
            Headers =
            [
                new Header(ReasonHeader, Encoding.UTF8.GetBytes(reason.ToCode())),
                new Header(DetailHeader, Encoding.UTF8.GetBytes(detail)),
                new Header(TopicHeader, Encoding.UTF8.GetBytes(record.Topic)),
                new Header(PartitionHeader, Encoding.UTF8.GetBytes(record.Partition.Value.ToString(CultureInfo.InvariantCulture))),
                new Header(OffsetHeader, Encoding.UTF8.GetBytes(record.Offset.Value.ToString(CultureInfo.InvariantCulture))),
            ],
        };
        KafkaProducerHost.ProduceWithBackpressure(producer.Producer, new TopicPartition(options.DeadLetterTopic, Partition.Any), message, report =>
        {
            if (report.Error.IsError)
            {
                LogErrorDeadLetterLost(logger, providerName, record.Topic, record.Partition.Value, record.Offset.Value, report.Error.Code, report.Error.Reason);
            }

            ticket.Complete();
        });
        return ticket;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka stream provider {Provider}: {Topic}/{Partition}@{Offset} dead-lettered ({Reason}): {Detail}")]
    private static partial void LogWarningDeadLettered(ILogger logger, string provider, string topic, int partition, long offset, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka stream provider {Provider}: the dead letter of {Topic}/{Partition}@{Offset} could not be written ({Code}: {Reason}); the record is skipped")]
    private static partial void LogErrorDeadLetterLost(ILogger logger, string provider, string topic, int partition, long offset, ErrorCode code, string reason);
}

/// <summary>Completes when a dead letter is stored (or given up).</summary>
internal sealed class DeadLetterTicket(long offset)
{
    private volatile bool _done;

    public long Offset { get; } = offset;

    public bool IsDone => _done;

    public void Complete() => _done = true;
}
