namespace FastData.Grains.Commands;

/// <summary>A validated command to store and publish.</summary>
/// <param name="System">The target system.</param>
/// <param name="Type">The command type within the system.</param>
/// <param name="Payload">The JSON body as sent (validated against the type's schema).</param>
/// <param name="RequestHash">A hash of system, type and payload: a repeated idempotency key with another request is a conflict.</param>
/// <param name="CommandTopic">The Kafka topic of the system's commands.</param>
/// <param name="SubmittedBy">The name of the API key that sent it.</param>
[GenerateSerializer, Immutable, Alias("FastData.CommandSubmission")]
public sealed record CommandSubmission(
    [property: Id(0)] string System,
    [property: Id(1)] string Type,
    [property: Id(2)] string Payload,
    [property: Id(3)] string RequestHash,
    [property: Id(4)] string CommandTopic,
    [property: Id(5)] string SubmittedBy);
