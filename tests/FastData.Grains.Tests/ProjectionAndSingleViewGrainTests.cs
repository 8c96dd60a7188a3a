using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;
using FastData.Grains.Pipeline;
using FastData.Model.Aggregation;
using Microsoft.Extensions.DependencyInjection;
using static FastData.Grains.Tests.RetailRecords;

namespace FastData.Grains.Tests;

[Collection(nameof(PipelineClusterCollection))]
public sealed class ProjectionAndSingleViewGrainTests(PipelineClusterFixture fixture)
{
    private static int _nextId = 1000;

    [Fact]
    public async Task Apply_Upsert_CastsFieldsAndStoresPublicRecord()
    {
        var orderId = NextId();
        var order = await ApplyAsync("orders", $"{orderId}", Order(orderId, NextId(), "123.45"), 1);

        Assert.Equal(ApplyOutcome.Upserted, order);
        var stored = (await fixture.Store.ReadAsync("orders", $"{orderId}", Ct))!.Document;
        Assert.Equal(123.45, stored["TOTAL_AMOUNT"]!.GetValue<double>());
        Assert.Equal(RecordStates.Public, stored[RecordStates.Field]!.GetValue<string>());
        Assert.NotNull(stored["createdAt"]);
        Assert.Equal(1, stored["__source"]!["offset"]!.GetValue<long>());
    }

    [Fact]
    public async Task Apply_UnknownField_IsDropped()
    {
        var orderId = NextId();
        var order = Order(orderId, NextId(), "1.00");
        order["LEGACY_COLUMN"] = "x";

        await ApplyAsync("orders", $"{orderId}", order, 1);

        var stored = (await fixture.Store.ReadAsync("orders", $"{orderId}", Ct))!.Document;
        Assert.False(stored.ContainsKey("LEGACY_COLUMN"));
    }

    [Fact]
    public async Task Apply_RequiredFieldMissing_DeadLettersAndKeepsRecord()
    {
        var orderId = NextId();
        await ApplyAsync("orders", $"{orderId}", Order(orderId, 7, "1.00"), 1);
        var broken = Order(orderId, 8, "2.00");
        broken.Remove("CUSTOMER_ID");

        var outcome = await ApplyAsync("orders", $"{orderId}", broken, 2);

        Assert.Equal(ApplyOutcome.DeadLettered, outcome);
        Assert.Contains(fixture.Sinks.DeadLetters, d => d.Key == $"{orderId}" && d.Reason == "validation" && d.Detail.Contains("CUSTOMER_ID", StringComparison.Ordinal) && d.Offset == 2);
        Assert.Equal(7, (await fixture.Store.ReadAsync("orders", $"{orderId}", Ct))!.Document["CUSTOMER_ID"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(5)]
    [InlineData(4)]
    public async Task Apply_AtOrBelowStoredPosition_IsDroppedAsStale(long offset)
    {
        var orderId = NextId();
        await ApplyAsync("orders", $"{orderId}", Order(orderId, 7, "1.00"), 5);

        var outcome = await ApplyAsync("orders", $"{orderId}", Order(orderId, 9, "9.00"), offset);

        Assert.Equal(ApplyOutcome.Stale, outcome);
        Assert.Equal(7, (await fixture.Store.ReadAsync("orders", $"{orderId}", Ct))!.Document["CUSTOMER_ID"]!.GetValue<long>());
    }

    [Fact]
    public async Task Apply_OlderSourceOrderingOnAnotherPartition_IsDroppedAsStale()
    {
        var orderId = NextId();
        await Grain("orders", $"{orderId}").ApplyAsync(Changes.Upsert("orders", $"{orderId}", Order(orderId, 7, "1.00"), 100, partition: 1, ordering: "500"));

        var outcome = await Grain("orders", $"{orderId}").ApplyAsync(Changes.Upsert("orders", $"{orderId}", Order(orderId, 9, "1.00"), 900, partition: 3, ordering: "499"));

        Assert.Equal(ApplyOutcome.Stale, outcome);
    }

    [Fact]
    public async Task Apply_Delete_SoftDeletesAndRemovesSingleView()
    {
        var customerId = NextId();
        await ApplyAsync("customers", $"{customerId}", Customer(customerId, "Ada"), 1);
        Assert.NotNull(await SingleView("customer-360", $"{customerId}").GetAsync());
        var live = JsonNode.Parse((await Grain("customers", $"{customerId}").GetAsync())!.Json)!.AsObject();
        Assert.Equal("Ada", live["FIRST_NAME"]!.GetValue<string>());
        Assert.DoesNotContain(live, p => p.Key.StartsWith("__", StringComparison.Ordinal));

        var outcome = await fixture.Grains.GetGrain<IProjectionGrain>(GrainKeys.Compose("customers", $"{customerId}")).ApplyAsync(Changes.Delete("customers", $"{customerId}", 2));

        Assert.Equal(ApplyOutcome.Deleted, outcome);
        var stored = (await fixture.Store.ReadAsync("customers", $"{customerId}", Ct))!.Document;
        Assert.Equal(RecordStates.Deleted, stored[RecordStates.Field]!.GetValue<string>());
        Assert.Null(await Grain("customers", $"{customerId}").GetAsync());
        Assert.Null(await SingleView("customer-360", $"{customerId}").GetAsync());
        Assert.Null(await fixture.Store.ReadAsync("customer-360", $"{customerId}", Ct));
    }

    [Fact]
    public async Task Apply_OrderMovesCustomer_BothSingleViewsAreRecomputed()
    {
        int a = NextId(), b = NextId(), orderId = NextId();
        await ApplyAsync("customers", $"{a}", Customer(a, "Ann"), 1);
        await ApplyAsync("customers", $"{b}", Customer(b, "Bob"), 1);
        await ApplyAsync("orders", $"{orderId}", Order(orderId, a, "10.00"), 1);
        Assert.Single(Orders(await Document("customer-360", $"{a}")));

        await ApplyAsync("orders", $"{orderId}", Order(orderId, b, "10.00"), 2);

        Assert.Empty(Orders(await Document("customer-360", $"{a}")));
        Assert.Equal(orderId, Assert.Single(Orders(await Document("customer-360", $"{b}")))!["ORDER_ID"]!.GetValue<long>());
    }

    [Fact]
    public async Task Apply_ProductRenamed_ReachesCustomerThroughItemsAndOrders()
    {
        int customerId = NextId(), orderId = NextId(), productId = NextId();
        await ApplyAsync("customers", $"{customerId}", Customer(customerId, "Cy"), 1);
        await ApplyAsync("products", $"{productId}", Product(productId, "Kettle"), 1);
        await ApplyAsync("orders", $"{orderId}", Order(orderId, customerId, "5.00"), 1);
        await ApplyAsync("order_items", $"{orderId}|1", Item(orderId, 1, productId), 1);

        await ApplyAsync("products", $"{productId}", Product(productId, "Teapot"), 2);

        var item = Orders(await Document("customer-360", $"{customerId}")).Single()!["items"]!.AsArray().Single()!;
        Assert.Equal("Teapot", item["PRODUCT_NAME"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_PriceChange_RefreshesProductSalesAndLeavesTheCustomerUnread()
    {
        int customerId = NextId(), orderId = NextId(), productId = NextId();
        await ApplyAsync("customers", $"{customerId}", Customer(customerId, "Eve"), 1);
        await ApplyAsync("products", $"{productId}", Product(productId, "Kettle"), 1);
        await ApplyAsync("orders", $"{orderId}", Order(orderId, customerId, "5.00"), 1);
        await ApplyAsync("order_items", $"{orderId}|1", Item(orderId, 1, productId), 1);
        long unread = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "fastdata.single_view.changes_unread")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var (singleView, projection) = (string.Empty, string.Empty);
            foreach (var tag in tags)
            {
                (singleView, projection) = tag.Key switch
                {
                    "single_view" => ((string)tag.Value!, projection),
                    "projection" => (singleView, (string)tag.Value!),
                    _ => (singleView, projection),
                };
            }

            if (singleView == "customer-360" && projection == "products")
            {
                Interlocked.Add(ref unread, value);
            }
        });
        listener.Start();
        var repriced = Product(productId, "Kettle");
        repriced["PRICE"] = "7.50";

        await ApplyAsync("products", $"{productId}", repriced, 2);

        // customer-360 shows the product's name and SKU only: the change is counted as unread there.
        Assert.True(Interlocked.Read(ref unread) >= 1, "the price change was not counted as unread by customer-360");
        Assert.Equal(7.5, (await Document("product-sales", $"{productId}"))["PRICE"]!.GetValue<double>());
        Assert.Equal("Kettle", Orders(await Document("customer-360", $"{customerId}")).Single()!["items"]!.AsArray().Single()!["PRODUCT_NAME"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApplyAll_EventsOfOneKey_AreWrittenOnceAndRefreshTheSingleViewOnce()
    {
        var customerId = NextId();
        var key = $"{customerId}";

        var outcome = await Grain("customers", key).ApplyAllAsync(
        [
            Changes.Upsert("customers", key, Customer(customerId, "Al"), 1),
            Changes.Upsert("customers", key, Customer(customerId, "Alb"), 2),
            Changes.Upsert("customers", key, Customer(customerId, "Albert"), 3),
        ]);

        Assert.Equal(ApplyOutcome.Upserted, outcome);
        var stored = (await fixture.Store.ReadAsync("customers", key, Ct))!;
        Assert.Equal(1, stored.Version);
        Assert.Equal(3, stored.Document["__source"]!["offset"]!.GetValue<long>());
        var published = Assert.Single(fixture.Sinks.Changes, c => c.SingleViewName == "customer-360" && c.DocumentId == key);
        Assert.Equal(Pipeline.SingleViewOperation.Insert, published.OperationType);
        Assert.Equal("Albert", published.AfterDocument()!["FIRST_NAME"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApplyAll_ForeignKeyMovedTwice_RefreshesTheFirstAndLastParentsOnly()
    {
        int a = NextId(), b = NextId(), c = NextId(), orderId = NextId();
        foreach (var customerId in new[] { a, b, c })
        {
            await ApplyAsync("customers", $"{customerId}", Customer(customerId, "Cus"), 1);
        }

        await ApplyAsync("orders", $"{orderId}", Order(orderId, a), 1);
        var publishedForB = fixture.Sinks.Changes.Count(change => change.SingleViewName == "customer-360" && change.DocumentId == $"{b}");

        await Grain("orders", $"{orderId}").ApplyAllAsync(
            [Changes.Upsert("orders", $"{orderId}", Order(orderId, b), 2), Changes.Upsert("orders", $"{orderId}", Order(orderId, c), 3)]);

        Assert.Empty(Orders(await Document("customer-360", $"{a}")));
        Assert.Equal(orderId, Assert.Single(Orders(await Document("customer-360", $"{c}")))!["ORDER_ID"]!.GetValue<long>());
        // The order never belonged to b in storage: b's document was neither changed nor announced.
        Assert.Empty(Orders(await Document("customer-360", $"{b}")));
        Assert.Equal(publishedForB, fixture.Sinks.Changes.Count(change => change.SingleViewName == "customer-360" && change.DocumentId == $"{b}"));
    }

    [Fact]
    public async Task ApplyAll_StaleDuplicateAndInvalidEvents_AreDroppedAndTheOthersApplied()
    {
        var orderId = NextId();
        var key = $"{orderId}";
        await ApplyAsync("orders", key, Order(orderId, 7), 5);
        var invalid = Order(orderId, 11);
        invalid.Remove("CUSTOMER_ID");

        var outcome = await Grain("orders", key).ApplyAllAsync(
        [
            Changes.Upsert("orders", key, Order(orderId, 8), 4),
            Changes.Upsert("orders", key, Order(orderId, 9), 6),
            Changes.Upsert("orders", key, Order(orderId, 9), 6),
            Changes.Upsert("orders", key, invalid, 7),
            Changes.Upsert("orders", key, Order(orderId, 10), 8),
        ]);

        Assert.Equal(ApplyOutcome.Upserted, outcome);
        var stored = (await fixture.Store.ReadAsync("orders", key, Ct))!;
        Assert.Equal(2, stored.Version);
        Assert.Equal(10, stored.Document["CUSTOMER_ID"]!.GetValue<long>());
        Assert.Equal(8, stored.Document["__source"]!["offset"]!.GetValue<long>());
        Assert.Contains(fixture.Sinks.DeadLetters, d => d.Key == key && d.Reason == "validation" && d.Offset == 7);
    }

    [Fact]
    public async Task ApplyAll_NoEvent_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Grain("orders", $"{NextId()}").ApplyAllAsync([]));
    }

    [Fact]
    public async Task SingleView_Change_IsPublishedAsInsertThenUpdate()
    {
        var customerId = NextId();
        await ApplyAsync("customers", $"{customerId}", Customer(customerId, "Di"), 1);
        await ApplyAsync("customers", $"{customerId}", Customer(customerId, "Dee"), 2);

        var published = fixture.Sinks.Changes.Where(c => c.SingleViewName == "customer-360" && c.DocumentId == $"{customerId}").ToList();

        Assert.Equal([Pipeline.SingleViewOperation.Insert, Pipeline.SingleViewOperation.Update], published.Select(c => c.OperationType));
        Assert.Equal("Dee", published[1].AfterDocument()!["FIRST_NAME"]!.GetValue<string>());
        Assert.Equal("Di", published[1].BeforeDocument()!["FIRST_NAME"]!.GetValue<string>());
        Assert.Null(published[0].BeforeDocument());
    }

    [Fact]
    public async Task PipelineGrainReferences_ReachTheSameGrainsAsTheFactory()
    {
        var customerId = NextId();
        await ApplyAsync("customers", $"{customerId}", Customer(customerId, "Ida"), 1);
        var references = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<PipelineGrainReferences>();

        var projection = references.Projection(GrainKeys.Compose("customers", $"{customerId}"));
        var singleView = references.SingleView(GrainKeys.Compose("customer-360", $"{customerId}"));

        Assert.Equal(Grain("customers", $"{customerId}").GetGrainId(), projection.GetGrainId());
        Assert.Equal(SingleView("customer-360", $"{customerId}").GetGrainId(), singleView.GetGrainId());
        var served = JsonNode.Parse((await projection.GetAsync())!.Json)!.AsObject();
        Assert.Equal("Ida", served["FIRST_NAME"]!.GetValue<string>());
        Assert.True(served.ContainsKey("createdAt"), "a projection record is served with its timestamps, like its listing");
        Assert.False(served.ContainsKey("__source") || served.ContainsKey(RecordStates.Field));
        Assert.Contains("\"Ida\"", (await singleView.GetAsync())!.Json, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => references.SingleView(" "));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int NextId() => Interlocked.Increment(ref _nextId);

    private IProjectionGrain Grain(string projection, string key) => fixture.Grains.GetGrain<IProjectionGrain>(GrainKeys.Compose(projection, key));

    private ISingleViewGrain SingleView(string name, string key) => fixture.Grains.GetGrain<ISingleViewGrain>(GrainKeys.Compose(name, key));

    private Task<ApplyOutcome> ApplyAsync(string projection, string key, JsonObject after, long offset) =>
        Grain(projection, key).ApplyAsync(Changes.Upsert(projection, key, after, offset));

    private async Task<JsonObject> Document(string name, string key) =>
        JsonNode.Parse((await SingleView(name, key).GetAsync() ?? throw new Xunit.Sdk.XunitException($"{name}/{key} does not exist")).Json)!.AsObject();

    private static JsonArray Orders(JsonObject customer360) => customer360["orders"]?.AsArray() ?? [];
}

[CollectionDefinition(nameof(PipelineClusterCollection))]
public sealed class PipelineClusterCollection : ICollectionFixture<PipelineClusterFixture>;
