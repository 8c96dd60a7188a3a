using Orleans.Concurrency;

namespace FastData.Grains.Commands;

/// <summary>One command of the write stream (key <c>_fastdata-commands/&lt;id&gt;</c>, see <see cref="CommandKeys"/>).</summary>
[Alias("FastData.ICommandGrain")]
public interface ICommandGrain : IGrainWithStringKey
{
    /// <summary>Stores the command and publishes it on its system's command topic, once: a second submission
    /// under the same id returns the first command (flagged as replayed) without publishing again.</summary>
    [Alias("Submit")]
    Task<CommandSubmitResult> SubmitAsync(CommandSubmission submission);

    /// <summary>Records the executor's outcome after <paramref name="attempts"/> attempts (null error = success).
    /// Ignored when the command already has an outcome (a redelivered record executed twice).</summary>
    [Alias("Complete")]
    Task<CommandRecord?> CompleteAsync(string? error, int attempts);

    /// <summary>The command, or null when no command has this id.</summary>
    [AlwaysInterleave, Alias("Get")]
    Task<CommandRecord?> GetAsync();
}
