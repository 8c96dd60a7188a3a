using System.Diagnostics;
using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;
using FastData.Grains.Reads;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace FastData.Grains.Tests;

/// <summary>Idle projection grains leave memory after FastData:Projections:IdleDeactivation, single views keep
/// Orleans' age. Seen through the shared read copies, which an activation withdraws when it deactivates.</summary>
public sealed class ProjectionIdleDeactivationTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.Configure<GrainCollectionOptions>(o => o.CollectionQuantum = TimeSpan.FromSeconds(1));
            silo.AddFastDataPipeline(RetailModel.Instance, configureProjections: o => o.IdleDeactivation = TimeSpan.FromSeconds(2)).AddInMemoryPipelineSinks();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task IdleProjectionGrain_IsDeactivatedAfterItsAge_WhileItsSingleViewStays()
    {
        var ct = TestContext.Current.CancellationToken;
        var local = _cluster.GetSiloServiceProvider().GetRequiredService<LocalDocuments>();
        var projectionKey = GrainKeys.Compose("customers", "1");
        var singleViewKey = GrainKeys.Compose("customer-360", "1");
        await _cluster.Client.GetGrain<IProjectionGrain>(projectionKey).ApplyAsync(Changes.Upsert("customers", "1", new JsonObject
        {
            ["CUSTOMER_ID"] = 1, ["FIRST_NAME"] = "Ada", ["LAST_NAME"] = "Lovelace", ["EMAIL"] = "ada@example.com",
            ["IS_ACTIVE"] = "true", ["CREATED_AT"] = 1767225600000,
        }, 1));
        await _cluster.Client.GetGrain<IProjectionGrain>(projectionKey).GetAsync();
        await _cluster.Client.GetGrain<ISingleViewGrain>(singleViewKey).GetAsync();

        var clock = Stopwatch.StartNew();
        while (local.Projections.TryGet(projectionKey, out _))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"{projectionKey} was still active {clock.Elapsed.TotalSeconds:F0} s after its last call (IdleDeactivation 2 s, quantum 1 s)");
            await Task.Delay(100, ct);
        }

        Assert.True(local.SingleViews.TryGet(singleViewKey, out _), "the single view was deactivated with the projection: the age must apply to projection grains only");
    }
}
