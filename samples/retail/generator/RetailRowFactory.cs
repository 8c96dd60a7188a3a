using System.Globalization;
using FastData.Samples.Retail.Rows;

namespace FastData.Samples.Retail;

/// <summary>Composes realistic rows from <see cref="SampleData"/>; owns the id sequences of every table.</summary>
internal sealed class RetailRowFactory(Random random)
{
    private const long Day = 24L * 60 * 60 * 1000;

    private int _nextCustomerId = 1;
    private int _nextAddressId = 1;
    private int _nextOrderId = 1;
    private int _nextProductId = 1;

    public CustomerRow NewCustomer(long createdAt)
    {
        var id = _nextCustomerId++;
        var first = Pick(SampleData.FirstNames);
        var last = Pick(SampleData.LastNames);
        return new CustomerRow(
            id, first, last, NewEmail(first, last, id), NewPhone(), NewTier(), random.NextDouble() < 0.95, createdAt)
        {
            Notes = NewNotes(),
        };
    }

    public string NewEmail(string first, string last, int customerId) => string.Create(
        CultureInfo.InvariantCulture,
        $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}{customerId}@{Pick(SampleData.EmailDomains)}");

    public string? NewPhone() => random.NextDouble() < 0.15
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"+{random.Next(1, 50)} {random.Next(100, 1000)} {random.Next(1_000_000, 10_000_000)}");

    public string NewTier()
    {
        var roll = random.NextDouble();
        return roll < 0.6 ? "BRONZE" : roll < 0.9 ? "SILVER" : "GOLD";
    }

    public AddressRow NewAddress(int customerId)
    {
        var (city, country, _, postalPattern) = Pick(SampleData.Cities);
        return new AddressRow(_nextAddressId++, customerId, NewStreet(), city, NewPostalCode(postalPattern), country)
        {
            Notes = NewNotes(),
        };
    }

    public AddressRow WithNewAddressId(AddressRow address) => address with { AddressId = _nextAddressId++ };

    public AddressRow MovedWithinCity(AddressRow address)
    {
        var pattern = Array.Find(SampleData.Cities, c => c.City == address.City).PostalPattern;
        string street;
        do
        {
            street = NewStreet();
        }
        while (street == address.Street);

        return address with { Street = street, PostalCode = NewPostalCode(pattern) };
    }

    public string CurrencyOf(AddressRow? address) => address is null
        ? "USD"
        : Array.Find(SampleData.Cities, c => c.Country == address.Country).Currency;

    public ProductRow NewProduct()
    {
        var id = _nextProductId++;
        var (category, code, minCents, maxCents) = Pick(SampleData.Categories);
        var name = string.Concat(Pick(SampleData.ProductAdjectives), " ", Pick(SampleData.ProductNouns));
        // Retail prices end in .99 or .49 more often than not.
        var cents = (random.NextInt64(minCents, maxCents) / 100 * 100) + (random.NextDouble() < 0.7 ? 99 : 49);
        return new ProductRow(id, string.Create(CultureInfo.InvariantCulture, $"{code}-{id:D6}"), name, category, cents)
        {
            Notes = NewNotes(),
        };
    }

    public int NextOrderId() => _nextOrderId++;

    public int NewQuantity()
    {
        var roll = random.NextDouble();
        return roll < 0.6 ? 1 : roll < 0.85 ? 2 : random.Next(3, 11);
    }

    /// <summary>A snapshot order's status follows from its age: old orders are delivered or cancelled.</summary>
    public string SnapshotStatus(long ageMs)
    {
        var roll = random.NextDouble();
        if (ageMs > 14 * Day)
        {
            return roll < 0.92 ? "DELIVERED" : "CANCELLED";
        }

        return roll < 0.3 ? "NEW" : roll < 0.55 ? "PAID" : roll < 0.8 ? "SHIPPED" : roll < 0.95 ? "DELIVERED" : "CANCELLED";
    }

    /// <summary>The next status: NEW -> PAID -> SHIPPED -> DELIVERED, with cancellation possible before shipping.</summary>
    public string NextStatus(string status) => status switch
    {
        "NEW" => random.NextDouble() < 0.88 ? "PAID" : "CANCELLED",
        "PAID" => random.NextDouble() < 0.95 ? "SHIPPED" : "CANCELLED",
        "SHIPPED" => "DELIVERED",
        _ => throw new InvalidOperationException($"Order status {status} is terminal."),
    };

    public string? NewNotes() => random.NextDouble() < 0.1 ? Pick(SampleData.Notes) : null;

    public T Pick<T>(T[] items) => items[random.Next(items.Length)];

    public long DaysBack(long now, int maxDays) => now - random.NextInt64(0, maxDays * Day);

    private string NewStreet() => string.Create(
        CultureInfo.InvariantCulture,
        $"{random.Next(1, 400)} {Pick(SampleData.StreetNames)} {Pick(SampleData.StreetSuffixes)}");

    private string NewPostalCode(string pattern) => string.Create(pattern.Length, (pattern, random), static (span, state) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = state.pattern[i] switch
            {
                '9' => (char)('0' + state.random.Next(10)),
                'A' => (char)('A' + state.random.Next(26)),
                var other => other,
            };
        }
    });
}
