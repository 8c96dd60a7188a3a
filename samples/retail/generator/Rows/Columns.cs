using System.Text.Json;

namespace FastData.Samples.Retail.Rows;

/// <summary>Pre-encoded column names of the retail tables (see the retail schema note).</summary>
internal static class Columns
{
    public static readonly JsonEncodedText CustomerId = JsonEncodedText.Encode("CUSTOMER_ID");
    public static readonly JsonEncodedText FirstName = JsonEncodedText.Encode("FIRST_NAME");
    public static readonly JsonEncodedText LastName = JsonEncodedText.Encode("LAST_NAME");
    public static readonly JsonEncodedText Email = JsonEncodedText.Encode("EMAIL");
    public static readonly JsonEncodedText Phone = JsonEncodedText.Encode("PHONE");
    public static readonly JsonEncodedText LoyaltyTier = JsonEncodedText.Encode("LOYALTY_TIER");
    public static readonly JsonEncodedText IsActive = JsonEncodedText.Encode("IS_ACTIVE");
    public static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("CREATED_AT");
    public static readonly JsonEncodedText AddressId = JsonEncodedText.Encode("ADDRESS_ID");
    public static readonly JsonEncodedText Street = JsonEncodedText.Encode("STREET");
    public static readonly JsonEncodedText City = JsonEncodedText.Encode("CITY");
    public static readonly JsonEncodedText PostalCode = JsonEncodedText.Encode("POSTAL_CODE");
    public static readonly JsonEncodedText Country = JsonEncodedText.Encode("COUNTRY");
    public static readonly JsonEncodedText OrderId = JsonEncodedText.Encode("ORDER_ID");
    public static readonly JsonEncodedText OrderDate = JsonEncodedText.Encode("ORDER_DATE");
    public static readonly JsonEncodedText Status = JsonEncodedText.Encode("STATUS");
    public static readonly JsonEncodedText TotalAmount = JsonEncodedText.Encode("TOTAL_AMOUNT");
    public static readonly JsonEncodedText Currency = JsonEncodedText.Encode("CURRENCY");
    public static readonly JsonEncodedText LineNo = JsonEncodedText.Encode("LINE_NO");
    public static readonly JsonEncodedText ProductId = JsonEncodedText.Encode("PRODUCT_ID");
    public static readonly JsonEncodedText Quantity = JsonEncodedText.Encode("QUANTITY");
    public static readonly JsonEncodedText UnitPrice = JsonEncodedText.Encode("UNIT_PRICE");
    public static readonly JsonEncodedText Sku = JsonEncodedText.Encode("SKU");
    public static readonly JsonEncodedText Name = JsonEncodedText.Encode("NAME");
    public static readonly JsonEncodedText Category = JsonEncodedText.Encode("CATEGORY");
    public static readonly JsonEncodedText Price = JsonEncodedText.Encode("PRICE");
    public static readonly JsonEncodedText Notes = JsonEncodedText.Encode("NOTES");
}
