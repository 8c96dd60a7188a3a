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

        await RefreshWait.UntilAsync(() => Task.FromResult(!local.Projections.TryGet(projectionKey, out _)), TimeSpan.FromSeconds(60),
            $"{projectionKey} to be deactivated (IdleDeactivation 2 s, collection quantum 1 s)");

        Assert.True(local.SingleViews.TryGet(singleViewKey, out _), "the single view was deactivated with the projection: the age must apply to projection grains only");
    }
}
