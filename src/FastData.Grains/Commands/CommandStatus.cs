namespace FastData.Grains.Commands;

/// <summary>Where a command is in its life.</summary>
[GenerateSerializer]
public enum CommandStatus
{
    /// <summary>Validated and stored; not yet on the system's command topic.</summary>
    Accepted,

    /// <summary>On the system's command topic, waiting for (or in) execution.</summary>
    Dispatched,

    /// <summary>The executor completed it.</summary>
    Succeeded,

    /// <summary>It could not be published, or the executor failed after its retries (see the error).</summary>
    Failed,
}
