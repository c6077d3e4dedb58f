import DocketCore
import DocketIO
import DocketStore
import Foundation
import Testing

/// Every data set figure of reference-values.json (krippendorff, statsmodels, scikit-learn, irrCAC, crowd-kit),
/// reproduced within 1e-4 after importing the public data set through `docket import --from`'s path into a
/// real SQLite file (and a PostgreSQL database, when that backend is under test) and reading the decisions in force back.
struct PublicDatasetAgreementTests {
    @Test(arguments: AgreementFixtures.cases, StoreBackend.underTest)
    func figuresAfterARealImportMatchTheReferenceLibraries(_ c: AgreementFixtures.Case, backend: StoreBackend) throws {
        let (store, queue, imported, keepAlive) = try AgreementFixtures.importedStore(c, backend: backend)
        defer { withExtendedLifetime(keepAlive) {} }
        let reference = c.referenceBlock
        #expect(imported.inserted == Int(reference["n_items"]!.doubleValue!))
        #expect(imported.decisionsAdded == Int(reference["n_ratings"]!.doubleValue!))
        #expect(imported.rejected == 0)
        let log = try store.reviewLog(queue: queue.id)
        let table = log.table(labels: queue.labels.map(\.id), values: c.values)
        let summary = AgreementSummary.compute(table, options: .init(bootstrapReplicates: 0, cohenMinimumItems: 1))
        ReferenceCheck.expectMatches(summary, reference)
    }

    @Test(arguments: StoreBackend.underTest)
    func reimportingTheSameDataSetChangesNothing(backend: StoreBackend) throws {
        let c = AgreementFixtures.cases.first { $0.kind == .armis }!
        let (store, queue, first, keepAlive) = try AgreementFixtures.importedStore(c, backend: backend)
        defer { withExtendedLifetime(keepAlive) {} }
        let again = try store.importItems(into: queue.id, from: [try PublicDatasetImportSource(kind: c.kind, task: c.task, files: c.paths, from: LocalFiles())],
                                          options: ImportOptions(actor: "test"))
        #expect(first.inserted == 943)
        #expect(again.inserted == 0 && again.decisionsAdded == 0 && again.unchanged == 943)
    }
}
