namespace FastData.Orleans.Streaming.Kafka.Formats;

/// <summary>
/// The outcome of decoding one record: zero events (tombstone), one, two (a primary-key change: delete of the old key,
/// then upsert of the new one), or a failure with its dead-letter reason. A struct so that decoding allocates only the events.
/// </summary>
public readonly struct KafkaDecodeResult
{
    private KafkaDecodeResult(int count, KafkaChangeEvent? first, KafkaChangeEvent? second, KafkaDeadLetterReason? failure, string? detail)
    {
        Count = count;
        First = first;
        Second = second;
        Failure = failure;
        FailureDetail = detail;
    }

    /// <summary>The number of events (0, 1 or 2); 0 on failure.</summary>
    public int Count { get; }

    /// <summary>The first event, when <see cref="Count"/> is at least 1.</summary>
    public KafkaChangeEvent? First { get; }

    /// <summary>The second event, when <see cref="Count"/> is 2.</summary>
    public KafkaChangeEvent? Second { get; }

    /// <summary>Why the record could not be decoded, or null when it was.</summary>
    public KafkaDeadLetterReason? Failure { get; }

    /// <summary>A human-readable explanation of <see cref="Failure"/> naming what was wrong and where.</summary>
    public string? FailureDetail { get; }

    /// <summary>True when decoding failed.</summary>
    public bool IsFailure => Failure is not null;

    /// <summary>The record carries nothing to apply (a tombstone).</summary>
    public static KafkaDecodeResult Skip() => default;

    /// <summary>One event.</summary>
    public static KafkaDecodeResult One(KafkaChangeEvent change) => new(1, change, null, null, null);

    /// <summary>Two events, applied in this order.</summary>
    public static KafkaDecodeResult Two(KafkaChangeEvent first, KafkaChangeEvent second) => new(2, first, second, null, null);

    /// <summary>A decode failure.</summary>
    public static KafkaDecodeResult Fail(KafkaDeadLetterReason reason, string detail) => new(0, null, null, reason, detail);

    /// <summary>The event at <paramref name="index"/> (0 or 1).</summary>
    public KafkaChangeEvent this[int index] => index switch
    {
        0 when Count > 0 => First!,
        1 when Count > 1 => Second!,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}
