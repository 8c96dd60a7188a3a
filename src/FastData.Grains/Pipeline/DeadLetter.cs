namespace FastData.Grains.Pipeline;

/// <summary>An event the pipeline could not apply, kept with the reason so that nothing is lost.</summary>
/// <param name="Projection">The projection the event was for.</param>
/// <param name="Key">The record key.</param>
/// <param name="Reason">A short machine-readable reason, e.g. <c>validation</c>.</param>
/// <param name="Detail">What exactly was wrong, and where (field names).</param>
/// <param name="Topic">The Kafka topic the event came from.</param>
/// <param name="Partition">Its partition.</param>
/// <param name="Offset">Its offset.</param>
/// <param name="Payload">The event's record image as received (UTF-8 JSON), or empty.</param>
public sealed record DeadLetter(
    string Projection,
    string Key,
    string Reason,
    string Detail,
    string Topic,
    int Partition,
    long Offset,
    ReadOnlyMemory<byte> Payload);
