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

    private Task GatedRun()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gates.Enqueue(gate);
        return gate.Task;
    }

    private void Release() => _gates.Dequeue().SetResult();
}
