namespace FastData.Grains.Commands;

/// <summary>What a submission did: the command, and whether it had been submitted before under the same id.</summary>
/// <param name="Command">The command (the first one when <paramref name="Replayed"/>).</param>
/// <param name="Replayed">True when the id was already taken: nothing was stored or published again.</param>
/// <param name="Conflict">True when the earlier submission under this id was a different request.</param>
[GenerateSerializer, Immutable, Alias("FastData.CommandSubmitResult")]
public sealed record CommandSubmitResult(
    [property: Id(0)] CommandRecord Command,
    [property: Id(1)] bool Replayed,
    [property: Id(2)] bool Conflict);
