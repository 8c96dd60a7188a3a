using FastData.Orleans.Streaming.Kafka.Formats;

namespace FastData.Orleans.Streaming.Kafka;

/// <summary>Where a partition starts when the consumer group has no committed offset for it.</summary>
public enum KafkaStartPosition
{
    /// <summary>From the oldest record still in the partition.</summary>
    Earliest = 0,

    /// <summary>From records produced after the partition was first assigned.</summary>
    Latest = 1,
}

/// <summary>Options of one Kafka stream provider (named like the provider).</summary>
public sealed class KafkaStreamOptions
{
    /// <summary>Kafka <c>bootstrap.servers</c>: comma-separated host:port list. Required.</summary>
    public string BootstrapServers { get; set; } = string.Empty;

    /// <summary>
    /// The consumer group under which offsets are committed. Partitions are assigned by Orleans' queue balancer, not by
    /// the group protocol; the group only stores offsets. Required.
    /// </summary>
    public string ConsumerGroupId { get; set; } = "fastdata-orleans";

    /// <summary>The ingestion topics and how their records become stream events. At least one.</summary>
    public IList<KafkaTopicOptions> Topics { get; set; } = [];

    /// <summary>Where to start a partition that has no committed offset.</summary>
    public KafkaStartPosition StartPosition { get; set; } = KafkaStartPosition.Earliest;

    /// <summary>
    /// The topic that receives records that cannot be decoded, with headers <c>fastdata-dlq-reason</c>,
    /// <c>fastdata-dlq-detail</c>, <c>fastdata-dlq-topic</c>, <c>fastdata-dlq-partition</c>, <c>fastdata-dlq-offset</c>.
    /// Null or empty: such records are only logged and counted.
    /// </summary>
    public string? DeadLetterTopic { get; set; } = "fastdata-dead-letters";

    /// <summary>
    /// Extra librdkafka settings applied to every client this provider creates (consumer, producer, admin), e.g.
    /// <c>security.protocol</c>, <c>sasl.mechanism</c>, <c>sasl.username</c>, <c>sasl.password</c>, <c>ssl.ca.location</c>,
    /// <c>fetch.max.bytes</c>. Values whose names contain password, secret, key or token are redacted when logged.
    /// </summary>
    public IDictionary<string, string> KafkaSettings { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Extra librdkafka settings for the consumer only, applied after <see cref="KafkaSettings"/> (e.g.
    /// <c>fetch.wait.max.ms</c>, which a producer would refuse with a warning).
    /// </summary>
    public IDictionary<string, string> ConsumerSettings { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Message formats beyond (or replacing) the built-in <c>debezium</c>, <c>golden-gate</c> and <c>basic</c>.</summary>
    public IList<IKafkaMessageFormat> CustomFormats { get; set; } = [];

    /// <summary>How often delivered offsets are committed to Kafka.</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Records buffered per partition between the Kafka consumer and Orleans before the partition is paused; it is resumed
    /// when the buffer falls to half of this. With <see cref="CoalesceByKey"/>, a pull takes every buffered record, so this
    /// also bounds how many records one pull coalesces per key when catching up on a backlog.
    /// </summary>
    public int MaxBufferedRecordsPerPartition { get; set; } = 2048;

    /// <summary>
    /// Batch containers the Orleans cache of one partition holds; Orleans takes up to a tenth of this per pull (containers
    /// beyond that wait, in order, for the next pulls). Memory per partition is bounded by about
    /// (<see cref="CacheSize"/> + <see cref="MaxBufferedRecordsPerPartition"/>) records.
    /// </summary>
    public int CacheSize { get; set; } = 8192;

    /// <summary>
    /// Put the events of records with the same key, read in one pull, into one batch container (in partition order), so a
    /// busy key costs one grain call per pull instead of one per record. A pull then takes every buffered record of the
    /// partition; without coalescing it takes as many records as Orleans takes containers.
    /// </summary>
    public bool CoalesceByKey { get; set; } = true;

    /// <summary>How long start-up waits for topic metadata (partition counts) and committed offsets.</summary>
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the Orleans pulling agent asks an idle partition for records; lower means less latency when idle.</summary>
    public TimeSpan PullPeriod { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How long a pull of an idle partition (two empty pulls in a row) waits for a record before it returns nothing (a long
    /// poll); a record that arrives meanwhile is handed over at once. Orleans' pulling agent pulls again only after a pull
    /// returned, so idle partitions cost a few pulls per second instead of one per <see cref="PullPeriod"/>, while a
    /// partition with records flowing keeps the <see cref="PullPeriod"/> cadence. Zero never waits.
    /// </summary>
    public TimeSpan PullWait { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a stream (one key) may go without records before its pulling agent forgets it; the next record of that key
    /// registers it again (one handshake with its grain). Orleans' agent checks every remembered stream of its partition on
    /// every pull, so this bounds the per-pull cost by the keys seen lately instead of every key ever seen (Orleans'
    /// default, 30 minutes, made an idle silo that had ingested 10,000 customers spend a seventh of its CPU on that check).
    /// </summary>
    public TimeSpan StreamInactivityPeriod { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>One ingestion topic: which stream namespace its records go to and how they are decoded.</summary>
public sealed class KafkaTopicOptions
{
    /// <summary>The Kafka topic name. Required.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>The Orleans stream namespace of its events (e.g. the projection name). Required.</summary>
    public string StreamNamespace { get; set; } = string.Empty;

    /// <summary>The message format name: <c>debezium</c>, <c>golden-gate</c>, <c>basic</c> or a custom format's name.</summary>
    public string Format { get; set; } = DebeziumMessageFormat.FormatName;

    /// <summary>The primary-key fields in declared order; the stream key is their canonical key string. At least one.</summary>
    public IList<string> KeyFields { get; set; } = [];

    /// <summary>The partition count; when null it is read from the cluster's metadata at start-up.</summary>
    public int? Partitions { get; set; }
}
