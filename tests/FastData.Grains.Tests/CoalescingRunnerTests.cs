using FastData.Grains.SingleViews;

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

    private Task GatedRun()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gates.Enqueue(gate);
        return gate.Task;
    }

    private void Release() => _gates.Dequeue().SetResult();
}
