using FastData.Grains.Commands;

namespace FastData.Host.Commands;

/// <summary>Carries a command to its system. One attempt per call; the dispatcher retries.</summary>
public interface ICommandExecutor
{
    /// <summary>Completes when the system took the command; throws <see cref="CommandExecutionException"/> when it did not.</summary>
    Task ExecuteAsync(CommandEnvelope command, CancellationToken cancellationToken);
}
