using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;
using FastData.Grains.Refresh;

namespace FastData.Grains.Tests;

[Collection(nameof(RefreshClusterCollection))]
public sealed class RefreshTests(RefreshClusterFixture fixture)
{
    private const string SingleView = "customer-360";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static int _nextId = 50_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IPipelineControlGrain Control => fixture.Grains.GetGrain<IPipelineControlGrain>(IPipelineControlGrain.Key);

    [Fact]
    public async Task Pause_ProjectionEvent_PersistsRecordWithoutTriggeringSingleView()
    {
        var id = NextId();
        var paused = await Control.PauseAsync();
        try
        {
            var outcome = await ApplyCustomerAsync(id, "Ada", 1);

            Assert.True(paused.TriggersPaused);
            Assert.Equal(ApplyOutcome.Upserted, outcome);
            Assert.NotNull(await fixture.Store.ReadAsync("customers", $"{id}", Ct));
            Assert.Null(await fixture.Store.ReadAsync(SingleView, $"{id}", Ct));
        }
        finally
        {
            await Control.ResumeAsync(refreshSingleViews: false);
        }
    }

    [Fact]
    public async Task Resume_NextEvent_TriggersSingleViewAgain()
    {
        var id = NextId();
        await Control.PauseAsync();
        await ApplyCustomerAsync(id, "Ada", 1);

        var resumed = await Control.ResumeAsync(refreshSingleViews: false);
        await ApplyCustomerAsync(id, "Bea", 2);

        Assert.False(resumed.TriggersPaused);
        Assert.False((await Control.GetStatusAsync()).TriggersPaused);
        var document = (await fixture.Store.ReadAsync(SingleView, $"{id}", Ct))!.Document;
        Assert.Equal("Bea", document["FIRST_NAME"]!.GetValue<string>());
    }

    [Fact]
    public async Task PauseThenResume_IncreasesSettingVersionOnEveryChange()
    {
        var before = await Control.GetStatusAsync();

        var paused = await Control.PauseAsync();
        var pausedAgain = await Control.PauseAsync();
        var resumed = await Control.ResumeAsync(refreshSingleViews: false);

        Assert.True(paused.Version > before.Version);
        Assert.Equal(paused.Version, pausedAgain.Version);
        Assert.True(resumed.Version > paused.Version);
        Assert.NotNull(resumed.ChangedAt);
    }

    [Fact]
    public async Task ResumeWithRefresh_LoadedWhilePaused_CatchesSingleViewsUp()
    {
        var ids = Enumerable.Range(0, 20).Select(_ => NextId()).ToArray();
        await Control.PauseAsync();
        foreach (var id in ids)
        {
            await ApplyCustomerAsync(id, $"Name{id}", 1);
        }

        await Control.ResumeAsync(refreshSingleViews: true);

        await WaitForRefreshAsync();
        foreach (var id in ids)
        {
            var document = await fixture.Store.ReadAsync(SingleView, $"{id}", Ct);
            Assert.True(document is not null, $"single view {SingleView} '{id}' was not created by the refresh");
            Assert.Equal($"Name{id}", document.Document["FIRST_NAME"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Refresh_AfterPausedLoad_ReportsProgressAndRemovesSingleViewOfDeletedBase()
    {
        var kept = Enumerable.Range(0, 30).Select(_ => NextId()).ToArray();
        var deleted = NextId();
        await ApplyCustomerAsync(deleted, "Gone", 1);
        Assert.NotNull(await fixture.Store.ReadAsync(SingleView, $"{deleted}", Ct));
        await Control.PauseAsync();
        try
        {
            foreach (var id in kept)
            {
                await ApplyCustomerAsync(id, "Kept", 1);
            }

            await fixture.Grains.GetGrain<IProjectionGrain>(GrainKeys.Compose("customers", $"{deleted}"))
                .ApplyAsync(Changes.Delete("customers", $"{deleted}", 2));
            Assert.NotNull(await fixture.Store.ReadAsync(SingleView, $"{deleted}", Ct));
        }
        finally
        {
            await Control.ResumeAsync(refreshSingleViews: false);
        }

        var customers = await CountAsync("customers");
        var first = await fixture.Grains.GetGrain<IRefreshGrain>(SingleView).StartAsync(maxConcurrency: 3);
        var progress = await WaitForRefreshAsync();

        Assert.Equal(3, first.MaxConcurrency);
        Assert.NotNull(first.StartedAt);
        Assert.Equal(RefreshStatus.Completed, progress.Status);
        Assert.True(progress.EnumerationComplete);
        Assert.Equal(customers, progress.Total);
        Assert.Equal(progress.Total, progress.Done);
        Assert.Equal(0, progress.Failed);
        Assert.True(progress.FinishedAt >= progress.StartedAt);
        Assert.Null(await fixture.Store.ReadAsync(SingleView, $"{deleted}", Ct));
        foreach (var id in kept)
        {
            Assert.NotNull(await fixture.Store.ReadAsync(SingleView, $"{id}", Ct));
        }
    }

    [Fact]
    public async Task Refresh_UnknownSingleView_IsRejected()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Grains.GetGrain<IRefreshGrain>("no-such-view").StartAsync());

        Assert.Contains("no-such-view", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_ConcurrencyBelowOne_IsRejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Grains.GetGrain<IRefreshGrain>(SingleView).StartAsync(maxConcurrency: 0));
    }

    [Fact]
    public async Task SingleViewRefresh_ManyTriggersDuringOneRun_GiveExactlyOneMoreRun()
    {
        var id = NextId();
        await ApplyCustomerAsync(id, "Ada", 1);
        var grain = fixture.Grains.GetGrain<ISingleViewGrain>(GrainKeys.Compose(SingleView, $"{id}"));
        fixture.Resolver.Arm("customers", $"{id}");
        try
        {
            var first = grain.RefreshAsync(DateTimeOffset.UtcNow);
            await fixture.Resolver.FirstHeld.WaitAsync(Timeout, Ct);
            var triggers = Enumerable.Range(0, 10).Select(_ => grain.RefreshAsync(DateTimeOffset.UtcNow)).ToList();

            // A read-only call queued behind the triggers: once it answers, the triggers have reached the grain.
            await grain.GetAsync().WaitAsync(Timeout, Ct);
            fixture.Resolver.Release();
            await Task.WhenAll(triggers.Append(first)).WaitAsync(Timeout, Ct);

            Assert.Equal(2, fixture.Resolver.Reads);
        }
        finally
        {
            fixture.Resolver.Disarm();
        }
    }

    [Fact]
    public void OptionsValidator_InvalidValues_NameEachOption()
    {
        var errors = PipelineRefreshOptionsValidator.Validate(new PipelineRefreshOptions { MaxConcurrency = 0, ControlPollInterval = TimeSpan.Zero });

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("PipelineRefreshOptions.MaxConcurrency", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("PipelineRefreshOptions.ControlPollInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void TriggerGate_OlderStatus_IsIgnored()
    {
        var gate = new PipelineTriggerGate();

        gate.Observe(new PipelineControlStatus(true, 5, null));
        gate.Observe(new PipelineControlStatus(false, 4, null));

        Assert.True(gate.TriggersPaused);
        Assert.Equal(5, gate.Status.Version);
    }

    private async Task<RefreshProgress> WaitForRefreshAsync()
    {
        var refresh = fixture.Grains.GetGrain<IRefreshGrain>(SingleView);
        RefreshProgress progress = null!;
        await RefreshWait.UntilAsync(async () => (progress = await refresh.GetProgressAsync()).Status != RefreshStatus.Running, Timeout,
            $"the full refresh of {SingleView} to finish");
        return progress;
    }

    private async Task<long> CountAsync(string collection)
    {
        var count = 0L;
        await foreach (var _ in fixture.Store.KeysAsync(collection, Ct))
        {
            count++;
        }

        return count;
    }

    private Task<ApplyOutcome> ApplyCustomerAsync(int id, string firstName, long offset) =>
        fixture.Grains.GetGrain<IProjectionGrain>(GrainKeys.Compose("customers", $"{id}")).ApplyAsync(Changes.Upsert("customers", $"{id}", new JsonObject
        {
            ["CUSTOMER_ID"] = id,
            ["FIRST_NAME"] = firstName,
            ["LAST_NAME"] = "Test",
            ["EMAIL"] = $"c{id}@example.com",
        }, offset));

    private static int NextId() => Interlocked.Increment(ref _nextId);
}
