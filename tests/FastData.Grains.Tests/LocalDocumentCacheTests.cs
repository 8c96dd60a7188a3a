using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;
using FastData.Grains.Reads;
using Orleans.Core.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace FastData.Grains.Tests;

/// <summary>The silo-local copies of documents that the API reads without a grain call: shared from a grain's first
/// read on, never older than what the grain answers, gone with the document or the activation.</summary>
[Collection(nameof(PipelineClusterCollection))]
public sealed class LocalDocumentCacheTests(PipelineClusterFixture fixture)
{
    private static int _nextId = 50_000;

    private LocalDocuments Local => fixture.Cluster.GetSiloServiceProvider().GetRequiredService<LocalDocuments>();

    [Fact]
    public async Task SingleView_NeverRead_IsNotShared()
    {
        var id = NextId();

        await ApplyCustomerAsync(id, "Ada", 1);

        Assert.False(Local.SingleViews.TryGet(GrainKeys.Compose("customer-360", $"{id}"), out _));
    }

    [Fact]
    public async Task SingleView_Read_SharedCopyFollowsEveryChange()
    {
        var id = NextId();
        var key = GrainKeys.Compose("customer-360", $"{id}");
        await ApplyCustomerAsync(id, "Ada", 1);
        var read = await fixture.Grains.GetGrain<ISingleViewGrain>(key).GetAsync();

        Assert.True(Local.SingleViews.TryGet(key, out var shared));
        Assert.Equal(read, shared);

        await ApplyCustomerAsync(id, "Ann", 2);

        Assert.True(Local.SingleViews.TryGet(key, out var changed));
        Assert.Equal("Ann", JsonNode.Parse(changed.Json)!["FIRST_NAME"]!.GetValue<string>());
        Assert.NotEqual(read!.ETag, changed.ETag);
        Assert.Equal(await fixture.Grains.GetGrain<ISingleViewGrain>(key).GetAsync(), changed);
    }

    [Fact]
    public async Task Projection_ReadThenSoftDeleted_IsWithdrawn()
    {
        var id = NextId();
        var key = GrainKeys.Compose("customers", $"{id}");
        await ApplyCustomerAsync(id, "Bo", 1);
        await fixture.Grains.GetGrain<IProjectionGrain>(key).GetAsync();
        Assert.True(Local.Projections.TryGet(key, out _));

        await fixture.Grains.GetGrain<IProjectionGrain>(key).ApplyAsync(Changes.Delete("customers", $"{id}", 2));

        Assert.False(Local.Projections.TryGet(key, out _));
        Assert.False(Local.SingleViews.TryGet(GrainKeys.Compose("customer-360", $"{id}"), out _));
    }

    [Fact]
    public async Task SingleView_Deactivated_IsWithdrawn()
    {
        var id = NextId();
        var key = GrainKeys.Compose("customer-360", $"{id}");
        await ApplyCustomerAsync(id, "Cy", 1);
        await fixture.Grains.GetGrain<ISingleViewGrain>(key).GetAsync();
        Assert.True(Local.SingleViews.TryGet(key, out _));

        await fixture.Grains.GetGrain<ISingleViewGrain>(key).Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);

        await RefreshWait.UntilAsync(() => Task.FromResult(!Local.SingleViews.TryGet(key, out _)), TimeSpan.FromSeconds(30), $"{key} to be withdrawn after its grain was told to deactivate");
    }

    private static int NextId() => Interlocked.Increment(ref _nextId);

    private Task<ApplyOutcome> ApplyCustomerAsync(int id, string firstName, long offset) =>
        fixture.Grains.GetGrain<IProjectionGrain>(GrainKeys.Compose("customers", $"{id}")).ApplyAsync(Changes.Upsert("customers", $"{id}", new JsonObject
        {
            ["CUSTOMER_ID"] = id, ["FIRST_NAME"] = firstName, ["LAST_NAME"] = "Lovelace", ["EMAIL"] = $"c{id}@example.com",
            ["IS_ACTIVE"] = "true", ["CREATED_AT"] = 1767225600000,
        }, offset));
}
