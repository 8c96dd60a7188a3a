using Microsoft.Extensions.Options;

namespace FastData.Grains.SingleViews;

/// <summary>
/// Bounds how many aggregations run at once in a silo (<see cref="SingleViewOptions.MaxConcurrentAggregations"/>). A
/// single view waiting for a slot goes on collecting changes, and the run that gets the slot serves them all: when the
/// silo is saturated, each aggregation serves more changes instead of every change queueing one of its own.
/// </summary>
/// <remarks>Waiters are admitted in arrival order (<see cref="SemaphoreSlim"/> queues asynchronous waiters first in,
/// first out), so a busy single view cannot starve the others.</remarks>
public sealed class AggregationGate : IDisposable
{
    private readonly SemaphoreSlim? _slots;
    private readonly int _bound;
    private int _running;

    public AggregationGate(IOptions<SingleViewOptions> options)
        : this(options.Value.MaxConcurrentAggregations)
    {
    }

    /// <param name="slots">Aggregations at once; 0 = no bound.</param>
    public AggregationGate(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slots);
        _slots = slots > 0 ? new SemaphoreSlim(slots, slots) : null;
        _bound = slots;
    }

    /// <summary>A gate that admits everything at once.</summary>
    public static AggregationGate Unbounded { get; } = new(0);

    /// <summary>How many aggregations hold a slot now (with no bound: how many run); the silo is busy when it is high.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>True when at least <paramref name="busyAt"/> aggregations run, or every slot is taken when there are
    /// fewer slots than that (a bound below the threshold would otherwise keep the silo from ever looking busy).</summary>
    public bool IsBusy(int busyAt) => Running >= (_bound > 0 ? Math.Min(busyAt, _bound) : busyAt);

    /// <summary>Completes when a slot is free; the caller must <see cref="Leave"/> once done.</summary>
    public Task EnterAsync()
    {
        if (_slots is null)
        {
            Interlocked.Increment(ref _running);
            return Task.CompletedTask;
        }

        return EnterBoundedAsync(_slots);
    }

    public void Leave()
    {
        Interlocked.Decrement(ref _running);
        _slots?.Release();
    }

    private async Task EnterBoundedAsync(SemaphoreSlim slots)
    {
        await slots.WaitAsync().ConfigureAwait(false);
        Interlocked.Increment(ref _running);
    }

    public void Dispose() => _slots?.Dispose();
}
