using System.Text.Json.Nodes;

namespace FastData.Grains.Tests;

/// <summary>Source records of samples/retail as a CDC event's image carries them, for the grain tests.</summary>
internal static class RetailRecords
{
    public static JsonObject Customer(int id, string firstName) => new()
    {
        ["CUSTOMER_ID"] = id, ["FIRST_NAME"] = firstName, ["LAST_NAME"] = "Lovelace", ["EMAIL"] = $"c{id}@example.com",
        ["IS_ACTIVE"] = "true", ["CREATED_AT"] = 1767225600000,
    };

    public static JsonObject Order(int id, int customerId, string total = "10.00") => new()
    {
        ["ORDER_ID"] = id, ["CUSTOMER_ID"] = customerId, ["STATUS"] = "NEW", ["TOTAL_AMOUNT"] = total, ["CURRENCY"] = "EUR", ["ORDER_DATE"] = 1767225600000,
    };

    public static JsonObject Product(int id, string name) => new() { ["PRODUCT_ID"] = id, ["SKU"] = $"SKU-{id}", ["NAME"] = name, ["PRICE"] = "5.00" };

    public static JsonObject Item(int orderId, int line, int productId) => new()
    {
        ["ORDER_ID"] = orderId, ["LINE_NO"] = line, ["PRODUCT_ID"] = productId, ["QUANTITY"] = 1, ["UNIT_PRICE"] = "5.00",
    };
}
