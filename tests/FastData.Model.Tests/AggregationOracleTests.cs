using System.Text.Json.Nodes;
using FastData.Model.Aggregation;
using FastData.Model.Tests.Support;

namespace FastData.Model.Tests;

/// <summary>
/// customer-360 computed by the engine equals the same document written by hand with LINQ over the records,
/// on random states with deleted records, orphans and shared products (so batching and caching are checked).
/// </summary>
public sealed class AggregationOracleTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task Customer360_RandomState_EqualsHandWrittenAggregation(int seed)
    {
        var token = TestContext.Current.CancellationToken;
        var random = new Random(seed);
        var store = new InMemoryResolver(RetailData.Model);
        var all = new Dictionary<string, List<JsonObject>>
        {
            ["customers"] = [], ["addresses"] = [], ["orders"] = [], ["order_items"] = [], ["products"] = [],
        };

        string State() => random.Next(6) == 0 ? RecordStates.Deleted : RecordStates.Public;
        void Put(string projection, JsonObject record)
        {
            store.Put(projection, record);
            all[projection].Add(record);
        }

        for (var c = 1; c <= 8; c++)
        {
            Put("customers", RetailData.Customer(c, state: State()));
            for (var a = 0; a < random.Next(0, 3); a++)
            {
                Put("addresses", RetailData.Address((c * 10) + a, c, city: $"City{a}", state: State()));
            }
        }

        for (var p = 1; p <= 4; p++)
        {
            Put("products", RetailData.Product(p, $"P{p}", state: State()));
        }

        for (var o = 1; o <= 30; o++)
        {
            Put("orders", RetailData.Order(o, random.Next(1, 10), state: State()));
            for (var line = 1; line <= random.Next(0, 4); line++)
            {
                Put("order_items", RetailData.Item(o, line, random.Next(1, 6), quantity: line, state: State()));
            }
        }

        for (var c = 1; c <= 9; c++)
        {
            var actual = await AggregationEngine.AggregateAsync(RetailData.Model.SingleViews["customer-360"], $"{c}", store, token);
            var expected = Expected(all, c);
            Assert.True(JsonNode.DeepEquals(expected, actual), $"customer {c}:\nexpected {expected}\nactual   {actual}");
        }
    }

    private static JsonObject? Expected(Dictionary<string, List<JsonObject>> all, long customerId)
    {
        static bool Live(JsonObject r) => r[RecordStates.Field]!.GetValue<string>() == RecordStates.Public;
        static long L(JsonObject r, string f) => r[f]!.GetValue<long>();
        static JsonNode? V(JsonObject? r, string f) => r?[f]?.DeepClone();

        var customer = all["customers"].SingleOrDefault(r => L(r, "CUSTOMER_ID") == customerId && Live(r));
        if (customer is null)
        {
            return null;
        }

        var address = all["addresses"].Where(r => L(r, "CUSTOMER_ID") == customerId && Live(r)).OrderBy(r => L(r, "ADDRESS_ID")).FirstOrDefault();
        var orders = new JsonArray();
        foreach (var order in all["orders"].Where(r => L(r, "CUSTOMER_ID") == customerId && Live(r)).OrderBy(r => L(r, "ORDER_ID")))
        {
            var items = new JsonArray();
            foreach (var item in all["order_items"].Where(r => L(r, "ORDER_ID") == L(order, "ORDER_ID") && Live(r)).OrderBy(r => L(r, "LINE_NO")))
            {
                var product = all["products"].SingleOrDefault(r => L(r, "PRODUCT_ID") == L(item, "PRODUCT_ID") && Live(r));
                items.Add(new JsonObject
                {
                    ["LINE_NO"] = V(item, "LINE_NO"), ["PRODUCT_ID"] = V(item, "PRODUCT_ID"), ["QUANTITY"] = V(item, "QUANTITY"),
                    ["UNIT_PRICE"] = V(item, "UNIT_PRICE"), ["PRODUCT_NAME"] = V(product, "NAME"), ["SKU"] = V(product, "SKU"),
                });
            }

            orders.Add(new JsonObject
            {
                ["ORDER_ID"] = V(order, "ORDER_ID"), ["ORDER_DATE"] = V(order, "ORDER_DATE"), ["STATUS"] = V(order, "STATUS"),
                ["TOTAL_AMOUNT"] = V(order, "TOTAL_AMOUNT"), ["CURRENCY"] = V(order, "CURRENCY"), ["items"] = items,
            });
        }

        return new JsonObject
        {
            ["CUSTOMER_ID"] = V(customer, "CUSTOMER_ID"), ["FIRST_NAME"] = V(customer, "FIRST_NAME"), ["LAST_NAME"] = V(customer, "LAST_NAME"),
            ["EMAIL"] = V(customer, "EMAIL"), ["PHONE"] = V(customer, "PHONE"), ["LOYALTY_TIER"] = V(customer, "LOYALTY_TIER"),
            ["IS_ACTIVE"] = V(customer, "IS_ACTIVE"), ["CREATED_AT"] = V(customer, "CREATED_AT"),
            ["address"] = address is null ? null : new JsonObject
            {
                ["ADDRESS_ID"] = V(address, "ADDRESS_ID"), ["STREET"] = V(address, "STREET"), ["CITY"] = V(address, "CITY"),
                ["POSTAL_CODE"] = V(address, "POSTAL_CODE"), ["COUNTRY"] = V(address, "COUNTRY"),
            },
            ["orders"] = orders,
        };
    }
}
