import { describe, expect, it } from 'vitest';

import { planProblems, type PlanRow } from '../../src/database/queryPlan';

const rows = (...details: [number, string][]): PlanRow[] =>
  details.map(([parent, detail], index) => ({ id: index + 2, parent, detail }));

describe('planProblems', () => {
  it('reports the localized lookup that read the whole locales table (the 21-second list)', () => {
    // The plan SQLite chose for the drafts list before `_parent_id` had its own index.
    const plan = rows(
      [0, 'SEARCH _fiches_v USING INDEX _fiches_v_latest_idx (latest=?)'],
      [0, 'CORRELATED SCALAR SUBQUERY 19'],
      [19, 'SCAN l USING COVERING INDEX _fiches_v_locales_locale_parent_id_unique'],
      [0, 'USE TEMP B-TREE FOR ORDER BY'],
    );
    const problems = planProblems(
      'select … from "_fiches_v" where "_fiches_v"."latest" = ? order by "_fiches_v"."version_updated_at" desc limit ?',
      plan,
    );
    expect(problems.map((problem) => problem.reason)).toEqual([
      'reads all of index _fiches_v_locales_locale_parent_id_unique',
      'sorts every matching row to keep one page',
    ]);
  });

  it('reports a table read from end to end', () => {
    expect(planProblems('select * from "fiches_locales"', rows([0, 'SCAN fiches_locales']))).toEqual([
      { step: 'SCAN fiches_locales', reason: 'reads all of fiches_locales' },
    ]);
  });

  it('accepts index lookups, a subquery’s own rows and the sort of one document’s array', () => {
    const plan = rows(
      [0, 'SEARCH _fiches_v USING INDEX _fiches_v_latest_updated_idx (latest=?)'],
      [0, 'CORRELATED SCALAR SUBQUERY 2'],
      [2, 'CO-ROUTINE _fiches_v_version_what'],
      [3, 'SEARCH _fiches_v_version_what USING INDEX _fiches_v_version_what_parent_id_idx (_parent_id=?)'],
      [3, 'USE TEMP B-TREE FOR ORDER BY'],
      [2, 'SCAN _fiches_v_version_what'],
    );
    expect(planProblems('select … limit ?', plan)).toEqual([]);
  });

  it('accepts a sort when the statement keeps every row anyway (no LIMIT)', () => {
    expect(
      planProblems(
        'select "id" from "translations" where "fiche_id" in (?, ?) order by "created_at" desc',
        rows([0, 'SEARCH translations USING INDEX translations_fiche_idx (fiche_id=?)'], [0, 'USE TEMP B-TREE FOR ORDER BY']),
      ),
    ).toEqual([]);
  });
});

describe('planProblems on whole-table figures', () => {
  it('accepts the pager’s count and the coverage sum over a covering index, not over the table', () => {
    expect(
      planProblems('select count(*) from "fiches"', rows([0, 'SCAN fiches USING COVERING INDEX fiches__status_idx'])),
    ).toEqual([]);
    const sum = 'select "language", sum("progress_total"), sum("progress_validated") from "translations" group by "language"';
    expect(planProblems(sum, rows([0, 'SCAN translations USING COVERING INDEX language_progress_idx']))).toEqual([]);
    expect(planProblems(sum, rows([0, 'SCAN translations']))).toHaveLength(1);
  });
});
