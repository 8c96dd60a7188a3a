namespace FastData.Grains.Commands;

/// <summary>A command as its grain knows it.</summary>
[GenerateSerializer, Immutable, Alias("FastData.CommandRecord")]
public sealed record CommandRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string System,
    [property: Id(2)] string Type,
    [property: Id(3)] CommandStatus Status,
    [property: Id(4)] string? Error,
    [property: Id(5)] int Attempts,
    [property: Id(6)] DateTimeOffset AcceptedAt,
    [property: Id(7)] DateTimeOffset UpdatedAt,
    [property: Id(8)] string RequestHash);
