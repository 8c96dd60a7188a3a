namespace FastData.Orleans.Streaming.Kafka.Formats;

/// <summary>Why a record could not be decoded; written to the dead-letter topic's <c>fastdata-dlq-reason</c> header.</summary>
public enum KafkaDeadLetterReason
{
    /// <summary>The key or value is not well-formed JSON, or not of the shape the format expects.</summary>
    InvalidJson = 1,

    /// <summary>The record carries no key at all (no key fields in its images and no usable Kafka key).</summary>
    MissingKey = 2,

    /// <summary>Some of the configured primary-key fields are absent, null or not scalar.</summary>
    KeyFieldsMissing = 3,

    /// <summary>The operation code is absent or not one the format knows.</summary>
    UnknownOperation = 4,

    /// <summary>The operation needs a record image the record does not carry (an insert without <c>after</c>).</summary>
    MissingRecordImage = 5,

    /// <summary>The record's topic has no message format configured, or the format threw.</summary>
    FormatError = 6,
}

/// <summary>Header text of <see cref="KafkaDeadLetterReason"/>.</summary>
public static class KafkaDeadLetterReasonExtensions
{
    /// <summary>The stable kebab-case code written to headers and metrics.</summary>
    public static string ToCode(this KafkaDeadLetterReason reason) => reason switch
    {
        KafkaDeadLetterReason.InvalidJson => "invalid-json",
        KafkaDeadLetterReason.MissingKey => "missing-key",
        KafkaDeadLetterReason.KeyFieldsMissing => "key-fields-missing",
        KafkaDeadLetterReason.UnknownOperation => "unknown-operation",
        KafkaDeadLetterReason.MissingRecordImage => "missing-record-image",
        KafkaDeadLetterReason.FormatError => "format-error",
        _ => "unknown",
    };
}
