namespace FastData.Grains.SingleViews;

/// <summary>
/// Runs an operation on request, coalescing requests: while one run is in progress, any number of further
/// requests cause exactly one more run, which starts when the current one ends. Each request's task completes
/// when a run that started after the request completes, so a caller that awaits it has seen its change applied.
/// With a minimum interval, a run starts no sooner than that after the previous one started, and the requests made
/// while it waits are served by it: under load, many changes make one aggregation; when idle, nothing waits. With a
/// window, a run that follows a quiet spell (no run started within the minimum interval) waits that long first, and
/// serves the requests made meanwhile: the changes of one burst (an order and its items) then make one aggregation
/// instead of one for the first change and one for the rest; given a busy threshold, only while the silo runs at least
/// that many aggregations, so that a lightly loaded silo answers at once. With a gate, a run also waits for a slot of it, and
/// serves the requests made meanwhile too.
/// </summary>
/// <remarks>Not thread-safe by design: it lives inside a grain activation, whose turns never overlap; the grain
/// must let requests interleave (the request method is <c>[AlwaysInterleave]</c>) for coalescing to happen.</remarks>
/// <param name="busyAt">The window applies only while at least this many aggregations run in the silo
/// (<see cref="AggregationGate.IsBusy"/>); 0: always.</param>
public sealed class CoalescingRunner(Func<Task> run, TimeSpan minInterval, TimeProvider time, AggregationGate gate, TimeSpan window, int busyAt)
{
    private bool _running;
    private TaskCompletionSource? _next;
    private long? _lastStart;

    /// <summary>A runner without a minimum interval: a follow-up run starts as soon as the previous one ends.</summary>
    public CoalescingRunner(Func<Task> run)
        : this(run, TimeSpan.Zero, TimeProvider.System)
    {
    }

    /// <summary>A runner that needs no slot to run.</summary>
    public CoalescingRunner(Func<Task> run, TimeSpan minInterval, TimeProvider time)
        : this(run, minInterval, time, AggregationGate.Unbounded)
    {
    }

    /// <summary>A runner whose first run after a quiet spell starts at once.</summary>
    public CoalescingRunner(Func<Task> run, TimeSpan minInterval, TimeProvider time, AggregationGate gate)
        : this(run, minInterval, time, gate, TimeSpan.Zero)
    {
    }

    /// <summary>A runner whose window, if any, applies whatever the silo's load.</summary>
    public CoalescingRunner(Func<Task> run, TimeSpan minInterval, TimeProvider time, AggregationGate gate, TimeSpan window)
        : this(run, minInterval, time, gate, window, 0)
    {
    }

    /// <summary>How many runs have started; tests and metrics read it.</summary>
    public long Runs { get; private set; }

    /// <summary>True while a run is in progress or waiting for its start.</summary>
    public bool IsRunning => _running;

    public Task RequestAsync()
    {
        if (_running)
        {
            _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _next.Task;
        }

        _running = true;
        return FirstRunAsync();
    }

    private async Task FirstRunAsync()
    {
        try
        {
            if (window > TimeSpan.Zero && gate.IsBusy(busyAt) && (_lastStart is not { } last || time.GetElapsedTime(last) >= minInterval))
            {
                await Task.Delay(window, time);
            }

            await RunOnceAsync();
        }
        finally
        {
            StartNextOrIdle();
        }
    }

    private void StartNextOrIdle()
    {
        var waiters = _next;
        _next = null;
        if (waiters is null)
        {
            _running = false;
            return;
        }

        // Its outcome reaches the waiters through their completion source, never through this task.
        _ = FollowUpRunAsync(waiters);
    }

    private async Task FollowUpRunAsync(TaskCompletionSource waiters)
    {
        try
        {
            await RunOnceAsync();
            waiters.SetResult();
        }
        catch (Exception exception)
        {
            waiters.SetException(exception);
        }
        finally
        {
            StartNextOrIdle();
        }
    }

    private async Task RunOnceAsync()
    {
        if (_lastStart is { } last && minInterval - time.GetElapsedTime(last) is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait, time);
        }

        await gate.EnterAsync();
        try
        {
            // Requests made during the waits have not been seen by any run yet: this one serves them.
            var joined = _next;
            _next = null;
            Runs++;
            _lastStart = time.GetTimestamp();
            try
            {
                await run();
            }
            catch (Exception exception)
            {
                joined?.SetException(exception);
                throw;
            }

            joined?.SetResult();
        }
        finally
        {
            gate.Leave();
        }
    }
}
