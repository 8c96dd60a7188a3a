using System.ComponentModel.DataAnnotations;

namespace FastData.Host.Hosting;

/// <summary>How the host uses Kafka (<c>FastData:Kafka</c>). The brokers come from <c>ConnectionStrings:kafka</c>;
/// without it the host embeds a Kafka cluster.</summary>
public sealed class KafkaHostOptions
{
    public const string SectionName = "FastData:Kafka";

    /// <summary>Consumer group under which ingestion offsets are committed.</summary>
    [Required]
    public string ConsumerGroupId { get; set; } = "fastdata-orleans";

    /// <summary>Where records that cannot be decoded or applied go, with the reason in headers.</summary>
    [Required]
    public string DeadLetterTopic { get; set; } = "fastdata-dead-letters";

    /// <summary>The topic of each single view's sv-update events; {0} is the single-view name.</summary>
    [Required]
    public string SingleViewTopicFormat { get; set; } = "fastdata.{0}.sv-update";

    /// <summary>Include the documents before and after the change in sv-update events.</summary>
    public bool IncludeDocumentsInEvents { get; set; }

    /// <summary>Where to start reading a partition that has no committed offset: Earliest or Latest.</summary>
    public string StartPosition { get; set; } = "Earliest";

    /// <summary>Partitions of each topic the embedded Kafka creates (ignored with a real cluster).</summary>
    [Range(1, 256)]
    public int EmbeddedPartitions { get; set; } = 16;

    /// <summary>How long a pull of an idle partition waits for a record (a long poll; see the Kafka provider's PullWait).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan PullWait { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a key may go without records before its partition's pulling agent forgets it (see the Kafka
    /// provider's StreamInactivityPeriod).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StreamInactivityPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Extra librdkafka settings (SASL, TLS...), passed through as they are.</summary>
    public Dictionary<string, string> Settings { get; set; } = [];
}
