namespace FastData.Grains.SingleViews;

/// <summary>
/// Runs an operation on request, coalescing requests: while one run is in progress, any number of further
/// requests cause exactly one more run, which starts when the current one ends. Each request's task completes
/// when a run that started after the request completes, so a caller that awaits it has seen its change applied.
/// </summary>
/// <remarks>Not thread-safe by design: it lives inside a grain activation, whose turns never overlap; the grain
/// must let requests interleave (the request method is <c>[AlwaysInterleave]</c>) for coalescing to happen.</remarks>
public sealed class CoalescingRunner(Func<Task> run)
{
    private bool _running;
    private TaskCompletionSource? _next;

    /// <summary>How many runs have started; tests and metrics read it.</summary>
    public long Runs { get; private set; }

    /// <summary>True while a run is in progress.</summary>
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

    private Task RunOnceAsync()
    {
        Runs++;
        return run();
    }
}
