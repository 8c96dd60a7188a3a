using System.Text.Json.Nodes;
using FastData.Model.Aggregation;
using FastData.Model.Configuration;

namespace FastData.Model.Tests.Support;

/// <summary>Typed retail records for engine and strategy tests.</summary>
internal static class RetailData
{
    private static readonly Lazy<FastDataModel> LazyModel = new(() =>
    {
        var result = FastDataConfigurationLoader.Load(RepositoryPaths.RetailSample);
        return result.Model ?? throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
    });

    public static FastDataModel Model => LazyModel.Value;

    public static JsonObject Customer(long id, string first = "Ada", string state = RecordStates.Public) => new()
    {
        ["CUSTOMER_ID"] = id,
        ["FIRST_NAME"] = first,
        ["LAST_NAME"] = "Lovelace",
        ["EMAIL"] = $"c{id}@example.com",
        ["PHONE"] = null,
        ["LOYALTY_TIER"] = "GOLD",
        ["IS_ACTIVE"] = true,
        ["CREATED_AT"] = "2024-01-02T03:04:05.000Z",
        [RecordStates.Field] = state,
    };

    public static JsonObject Address(long id, long customerId, string city = "Milan", string state = RecordStates.Public) => new()
    {
        ["ADDRESS_ID"] = id,
        ["CUSTOMER_ID"] = customerId,
        ["STREET"] = "Via Roma 1",
        ["CITY"] = city,
        ["POSTAL_CODE"] = "20100",
        ["COUNTRY"] = "IT",
        [RecordStates.Field] = state,
    };

    public static JsonObject Order(long id, long customerId, string status = "PAID", string state = RecordStates.Public) => new()
    {
        ["ORDER_ID"] = id,
        ["CUSTOMER_ID"] = customerId,
        ["ORDER_DATE"] = "2024-05-06T07:08:09.000Z",
        ["STATUS"] = status,
        ["TOTAL_AMOUNT"] = 12.5,
        ["CURRENCY"] = "EUR",
        [RecordStates.Field] = state,
    };

    public static JsonObject Item(long orderId, long lineNo, long productId, long quantity = 1, string state = RecordStates.Public) => new()
    {
        ["ORDER_ID"] = orderId,
        ["LINE_NO"] = lineNo,
        ["PRODUCT_ID"] = productId,
        ["QUANTITY"] = quantity,
        ["UNIT_PRICE"] = 2.5,
        [RecordStates.Field] = state,
    };

    public static JsonObject Product(long id, string name, string state = RecordStates.Public) => new()
    {
        ["PRODUCT_ID"] = id,
        ["SKU"] = $"SKU-{id}",
        ["NAME"] = name,
        ["CATEGORY"] = "Books",
        ["PRICE"] = 2.5,
        [RecordStates.Field] = state,
    };
}
