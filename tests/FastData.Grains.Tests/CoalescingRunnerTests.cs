using FastData.Grains.SingleViews;
using Microsoft.Extensions.Time.Testing;

namespace FastData.Grains.Tests;

public sealed class CoalescingRunnerTests
{
    private readonly Queue<TaskCompletionSource> _gates = new();

    [Fact]
    public async Task Request_WhileIdle_RunsOnce()
    {
        var runner = new CoalescingRunner(() => Task.CompletedTask);

        await runner.RequestAsync();

        Assert.Equal(1, runner.Runs);
        Assert.False(runner.IsRunning);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(1000)]
    public async Task Requests_DuringOneRun_GiveExactlyOneMoreRun(int requests)
    {
        var runner = new CoalescingRunner(GatedRun);
        var first = runner.RequestAsync();
        var during = Enumerable.Range(0, requests).Select(_ => runner.RequestAsync()).ToArray();

        Release();
        await first;
        Assert.Equal(2, runner.Runs);
        Assert.All(during, t => Assert.False(t.IsCompleted));

        Release();
        await Task.WhenAll(during);
        Assert.Equal(2, runner.Runs);
        Assert.False(runner.IsRunning);
    }

    [Fact]
    public async Task Request_DuringFollowUpRun_WaitsForTheRunAfterIt()
    {
        var runner = new CoalescingRunner(GatedRun);
        var first = runner.RequestAsync();
        var second = runner.RequestAsync();
        Release();
        await first;

        var third = runner.RequestAsync();
        Release();
        await second;
        Assert.False(third.IsCompleted);

        Release();
        await third;
        Assert.Equal(3, runner.Runs);
    }

    [Fact]
    public async Task Run_Fails_FailsItsWaitersAndRecovers()
    {
        var fail = true;
        var runner = new CoalescingRunner(() => fail ? Task.FromException(new InvalidOperationException("boom")) : Task.CompletedTask);

        await Assert.ThrowsAsync<InvalidOperationException>(runner.RequestAsync);
        fail = false;
        await runner.RequestAsync();

        Assert.Equal(2, runner.Runs);
    }

    [Fact]
    public async Task MinInterval_RequestsWhileWaiting_JoinOneDelayedRun()
    {
        var time = new FakeTimeProvider();
        var runner = new CoalescingRunner(() => Task.CompletedTask, TimeSpan.FromMilliseconds(20), time);
        await runner.RequestAsync();

        // The previous run started 0 ms ago: these wait for 20 ms, then one run serves them all.
        var waiting = Enumerable.Range(0, 50).Select(_ => runner.RequestAsync()).ToArray();
        Assert.All(waiting, t => Assert.False(t.IsCompleted));
        Assert.Equal(1, runner.Runs);

        time.Advance(TimeSpan.FromMilliseconds(19));
        Assert.All(waiting, t => Assert.False(t.IsCompleted));

        time.Advance(TimeSpan.FromMilliseconds(1));
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(2, runner.Runs);
        Assert.False(runner.IsRunning);
    }

    [Fact]
    public async Task MinInterval_AfterQuietPeriod_RunsAtOnce()
    {
        var time = new FakeTimeProvider();
        var runner = new CoalescingRunner(() => Task.CompletedTask, TimeSpan.FromMilliseconds(20), time);
        await runner.RequestAsync();
        time.Advance(TimeSpan.FromMilliseconds(25));

        var request = runner.RequestAsync();

        Assert.True(request.IsCompletedSuccessfully, "a request after a quiet period must not wait");
        Assert.Equal(2, runner.Runs);
        await request;
    }

    [Fact]
    public async Task Window_AfterQuietSpell_RequestsMadeMeanwhileJoinTheDelayedRun()
    {
        var time = new FakeTimeProvider();
        var runner = new CoalescingRunner(() => Task.CompletedTask, TimeSpan.FromMilliseconds(20), time, AggregationGate.Unbounded, TimeSpan.FromMilliseconds(10));

        var requests = Enumerable.Range(0, 5).Select(_ => runner.RequestAsync()).ToArray();
        time.Advance(TimeSpan.FromMilliseconds(9));
        Assert.All(requests, t => Assert.False(t.IsCompleted));
        Assert.Equal(0, runner.Runs);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(1, runner.Runs);
        Assert.False(runner.IsRunning);
    }

    [Fact]
    public async Task Window_BelowTheBusyThreshold_RunsAtOnce()
    {
        var time = new FakeTimeProvider();
        using var gate = new AggregationGate(0);
        var runner = new CoalescingRunner(() => Task.CompletedTask, TimeSpan.FromMilliseconds(20), time, gate, TimeSpan.FromMilliseconds(10), busyAt: 1);

        var request = runner.RequestAsync();

        Assert.True(request.IsCompletedSuccessfully, "an idle silo must not wait the window");
        Assert.Equal(1, runner.Runs);
        Assert.Equal(0, gate.Running);
        await request;
    }

    [Fact]
    public async Task Window_AtTheBusyThreshold_WaitsTheWindow()
    {
        var time = new FakeTimeProvider();
        using var gate = new AggregationGate(0);
        var runner = new CoalescingRunner(() => Task.CompletedTask, TimeSpan.FromMilliseconds(20), time, gate, TimeSpan.FromMilliseconds(10), busyAt: 1);
        await gate.EnterAsync();

        var requests = Enumerable.Range(0, 3).Select(_ => runner.RequestAsync()).ToArray();
        time.Advance(TimeSpan.FromMilliseconds(9));
        Assert.All(requests, t => Assert.False(t.IsCompleted));

        time.Advance(TimeSpan.FromMilliseconds(1));
        await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(1, runner.Runs);
        gate.Leave();
        Assert.Equal(0, gate.Running);
    }

    [Fact]
    public async Task Gate_FewerSlotsThanTheThreshold_IsBusyWhenEverySlotIsTaken()
    {
        using var bounded = new AggregationGate(1);
        using var unbounded = new AggregationGate(0);
        Assert.True(bounded.IsBusy(0));
        Assert.False(bounded.IsBusy(4));

        await bounded.EnterAsync();
        await unbounded.EnterAsync();

        Assert.True(bounded.IsBusy(4));
        Assert.False(unbounded.IsBusy(4));
        Assert.True(unbounded.IsBusy(1));
        bounded.Leave();
        unbounded.Leave();
    }

    [Fact]
    public async Task Gate_Running_CountsWhatHoldsASlot()
    {
        using var gate = new AggregationGate(1);
        await gate.EnterAsync();
        var waiting = gate.EnterAsync();

        Assert.Equal(1, gate.Running);
        Assert.False(waiting.IsCompleted);
        gate.Leave();
        await waiting.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(1, gate.Running);
        gate.Leave();
        Assert.Equal(0, gate.Running);
    }

    [Fact]
    public async Task Window_WithinMinInterval_AddsNothingToTheIntervalsWait()
    {
        var time = new FakeTimeProvider();
        var runner = new CoalescingRunner(() => Task.CompletedTask, TimeSpan.FromMilliseconds(20), time, AggregationGate.Unbounded, TimeSpan.FromMilliseconds(10));
        var first = runner.RequestAsync();
        time.Advance(TimeSpan.FromMilliseconds(10));
        await first.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // The previous run started 0 ms ago: this one waits the 20 ms interval, not 20 + 10.
        var second = runner.RequestAsync();
        time.Advance(TimeSpan.FromMilliseconds(19));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(2, runner.Runs);
    }

    [Fact]
    public async Task MinInterval_DelayedRunFails_FailsEveryWaiterItServes()
    {
        var time = new FakeTimeProvider();
        var fail = false;
        var runner = new CoalescingRunner(() => fail ? Task.FromException(new InvalidOperationException("boom")) : Task.CompletedTask, TimeSpan.FromMilliseconds(20), time);
        await runner.RequestAsync();
        fail = true;
        var first = runner.RequestAsync();
        var second = runner.RequestAsync();

        time.Advance(TimeSpan.FromMilliseconds(20));

        await Assert.ThrowsAsync<InvalidOperationException>(() => first.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<InvalidOperationException>(() => second.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Equal(2, runner.Runs);
    }

    [Fact]
    public async Task Gate_RequestsWhileWaitingForASlot_JoinTheRunThatGetsIt()
    {
        using var gate = new AggregationGate(1);
        var holder = new CoalescingRunner(GatedRun, TimeSpan.Zero, TimeProvider.System, gate);
        var runs = 0;
        var waiter = new CoalescingRunner(() => { Interlocked.Increment(ref runs); return Task.CompletedTask; }, TimeSpan.Zero, TimeProvider.System, gate);
        var held = holder.RequestAsync();

        var requests = Enumerable.Range(0, 50).Select(_ => waiter.RequestAsync()).ToArray();
        Assert.All(requests, t => Assert.False(t.IsCompleted));
        Assert.Equal(0, Volatile.Read(ref runs));

        Release();
        await held;
        await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(1, Volatile.Read(ref runs));
    }

    [Fact]
    public async Task Gate_ManyRunners_NeverRunMoreAtOnceThanItsSlots()
    {
        using var gate = new AggregationGate(2);
        var running = 0;
        var most = 0;
        async Task Run()
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            for (var i = 0; i < 5; i++)
            {
                await Task.Yield();
            }

            Interlocked.Decrement(ref running);
        }

        var runners = Enumerable.Range(0, 20).Select(_ => new CoalescingRunner(Run, TimeSpan.Zero, TimeProvider.System, gate)).ToArray();
        await Task.WhenAll(runners.Select(r => r.RequestAsync())).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.All(runners, r => Assert.Equal(1, r.Runs));
        Assert.InRange(Volatile.Read(ref most), 1, 2);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var previous && previous != seen)
        {
            seen = previous;
        }
    }

    private Task GatedRun()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gates.Enqueue(gate);
        return gate.Task;
    }

    private void Release() => _gates.Dequeue().SetResult();
}
