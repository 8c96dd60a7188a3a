using FastData.Grains.Pipeline;

namespace FastData.Grains.Tests;

/// <summary>The dead-letter sink of <see cref="ProjectionFailureTests"/>: keeps what it is sent, except that the next
/// write fails when armed, as a Kafka outage would.</summary>
public sealed class FailingDeadLetterSink : IDeadLetterSink
{
    private readonly Lock _lock = new();
    private readonly List<DeadLetter> _sent = [];
    private bool _armed;

    public IReadOnlyList<DeadLetter> Sent
    {
        get
        {
            lock (_lock)
            {
                return [.. _sent];
            }
        }
    }

    public void FailNextWrite()
    {
        lock (_lock)
        {
            _armed = true;
        }
    }

    public ValueTask WriteAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_armed)
            {
                _armed = false;
                throw new IOException($"Simulated outage sending the dead letter of {deadLetter.Projection}/{deadLetter.Key}.");
            }

            _sent.Add(deadLetter);
        }

        return ValueTask.CompletedTask;
    }
}
