using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;
using FastData.Grains.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace FastData.Grains.Tests;

/// <summary>A single view's run stores its document without waiting for the sv-update event's acknowledgement.</summary>
public sealed class SingleViewPublishingTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static int _nextId = 5000;
    private InProcessTestCluster _cluster = null!;

    private GatedChangeSink Sink => _cluster.GetSiloServiceProvider().GetRequiredService<GatedChangeSink>();

    private InMemoryPipelineSinks Sinks => _cluster.GetSiloServiceProvider().GetRequiredService<InMemoryPipelineSinks>();

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<GatedChangeSink>();
            silo.Services.AddSingleton<ISingleViewChangeSink>(sp => sp.GetRequiredService<GatedChangeSink>());
            silo.AddFastDataPipeline(RetailModel.Instance).AddInMemoryPipelineSinks();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task HeldAnnouncement_DoesNotHoldItsRun_ButHoldsTheNextOne_AndTheyGoOutInOrder()
    {
        var id = Interlocked.Increment(ref _nextId);
        Sink.Hold($"{id}");
        try
        {
            // An apply returns only after the single view's run: with a run that waited for its own announcement, it would hang.
            var first = await ApplyAsync(id, "Ada", 1).WaitAsync(Timeout, Ct);
            Assert.Equal(ApplyOutcome.Upserted, first);
            Assert.Contains("\"Ada\"", (await SingleView(id).GetAsync())!.Json, StringComparison.Ordinal);

            // The next run stores its version, then waits for the announcement in flight before sending its own.
            var second = ApplyAsync(id, "Adele", 2);
            await RefreshWait.UntilAsync(
                async () => (await SingleView(id).GetAsync())?.Json.Contains("\"Adele\"", StringComparison.Ordinal) == true,
                Timeout,
                "the second version stored");
            Assert.False(second.IsCompleted, "the second run's announcement went out while the first was in flight");
            Assert.DoesNotContain(Sink.Published, c => c.DocumentId == $"{id}");

            Sink.Release($"{id}");
            Assert.Equal(ApplyOutcome.Upserted, await second.WaitAsync(Timeout, Ct));
            await RefreshWait.UntilAsync(() => Task.FromResult(Published(id).Count == 2), Timeout, "both announcements");
            Assert.Equal([SingleViewOperation.Insert, SingleViewOperation.Update], Published(id).Select(c => c.OperationType));
            Assert.Equal("Adele", Published(id)[1].AfterDocument()!["FIRST_NAME"]!.GetValue<string>());
            Assert.Equal(1, Sink.MostInFlight($"{id}"));
        }
        finally
        {
            Sink.Release($"{id}");
        }
    }

    [Fact]
    public async Task FailedAnnouncement_IsRecordedAsAnError_AndTheNextOneGoesOut()
    {
        var id = Interlocked.Increment(ref _nextId);
        Sink.FailNext($"{id}");

        await ApplyAsync(id, "Grace", 1);
        await RefreshWait.UntilAsync(
            () => Task.FromResult(Sinks.Errors.Any(e => e.Key == $"{id}" && e.Error.Contains("was not published", StringComparison.Ordinal))),
            Timeout,
            "the failed announcement in the errors collection");
        await ApplyAsync(id, "Gracie", 2);

        await RefreshWait.UntilAsync(() => Task.FromResult(Published(id).Count == 1), Timeout, "the next announcement");
        Assert.Equal(SingleViewOperation.Update, Published(id)[0].OperationType);
        Assert.Contains("\"Gracie\"", (await SingleView(id).GetAsync())!.Json, StringComparison.Ordinal);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private List<SingleViewChange> Published(int id) =>
        [.. Sink.Published.Where(c => c.SingleViewName == "customer-360" && c.DocumentId == $"{id}")];

    private ISingleViewGrain SingleView(int id) => _cluster.Client.GetGrain<ISingleViewGrain>(GrainKeys.Compose("customer-360", $"{id}"));

    private Task<ApplyOutcome> ApplyAsync(int id, string firstName, long offset) =>
        _cluster.Client.GetGrain<IProjectionGrain>(GrainKeys.Compose("customers", $"{id}")).ApplyAsync(Changes.Upsert("customers", $"{id}", new JsonObject
        {
            ["CUSTOMER_ID"] = id, ["FIRST_NAME"] = firstName, ["LAST_NAME"] = "Hopper", ["EMAIL"] = $"c{id}@example.com",
            ["IS_ACTIVE"] = "true", ["CREATED_AT"] = 1767225600000,
        }, offset));
}
