namespace FastData.Host.Commands;

/// <summary>An attempt to execute a command failed; <see cref="Retryable"/> says whether another attempt may succeed.</summary>
public sealed class CommandExecutionException : Exception
{
    public CommandExecutionException(string message, bool retryable, Exception? inner = null)
        : base(message, inner) => Retryable = retryable;

    public CommandExecutionException()
    {
    }

    public CommandExecutionException(string message)
        : base(message)
    {
    }

    public CommandExecutionException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public bool Retryable { get; }
}
