/**
 * Every screen, with the roles that may see it: the one list the guard and the audit read. Each area adds its own
 * block; paths are flat and name the area (`/voters`, `/meetings/:id`, …).
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Skeleton } from 'antd';
import type { Role } from '../api/session';
import { ROLES } from '../api/session';
import { MePage } from '../features/auth/me-page';
import { CommitteeHome } from '../features/home/committee-home';
import { VotersPage } from '../features/voters/voters-page';
import { RepresentativesPage } from '../features/representatives/representatives-page';
import { CandidatesPage } from '../features/candidates/candidates-page';
import { PapersPage } from '../features/papers/papers-page';
import { ChecksPage } from '../features/checks/checks-page';
import { PartyMembersPage } from '../features/party-members/party-members-page';
import { MeetingDeskPage, MeetingsPage } from '../features/meeting/meeting-pages';
import { NewMeetingPage } from '../features/meeting/new-meeting-page';
import { CheckInPage } from '../features/meeting/check-in-page';
import { TallySheetsPage } from '../features/tally-entry/sheets-page';
import { TallyEntryPage } from '../features/tally-entry/entry-page';
import { TallyResolvePage } from '../features/tally-resolve/resolve-page';
import { ResultPage } from '../features/result/result-page';
import { RoundsPage } from '../features/round-setup/rounds-page';
import { RoundSetupPage } from '../features/round-setup/round-setup-page';
import { CommunityUsersPage } from '../features/users/community-users-page';
import { FilingQueuePage } from '../features/filing-review/queue-page';
import { FilingPage } from '../features/filing-review/filing-page';
import { MyFilingPage } from '../features/filing-review/my-filing-page';
import { DistrictSummaryPage } from '../features/district-summary/district-summary-page';
import { AuditPage } from '../features/audit/audit-page';
import { CommunityVettingPage, RoundVettingPage } from '../features/vetting/vetting-pages';
import { DistrictStatisticsPage, StatisticsPage } from '../features/statistics/statistics-pages';
import { AfterRoundPage } from '../features/after-round/after-round-page';
import { ReviewerPage } from '../features/vetting/reviewer-page';

// The two screens with charts load ECharts (about 1 MB) only when opened: a committee's clerk never downloads it.
const ControlRoomPage = lazy(() => import('../features/control-room/control-room-page').then((m) => ({ default: m.ControlRoomPage })));
const RoundReportPage = lazy(() => import('../features/round-report/round-report-page').then((m) => ({ default: m.RoundReportPage })));
const charts = (page: ReactNode) => <Suspense fallback={<Skeleton active />}>{page}</Suspense>;

export interface AppRoute {
  readonly path: string;
  readonly roles: readonly Role[];
  readonly element: ReactNode;
}

const everyone = ROLES;
const committee: readonly Role[] = ['committee'];
const scrutineer: readonly Role[] = ['scrutineer'];
const street: readonly Role[] = ['street'];
const bureau: readonly Role[] = ['bureau'];

export const appRoutes: readonly AppRoute[] = [
  { path: '/me', roles: everyone, element: <MePage /> },

  // 社区居民选举委员会 (issue 15)
  { path: '/home', roles: committee, element: <CommitteeHome /> },
  { path: '/voters', roles: committee, element: <VotersPage /> },
  { path: '/representatives', roles: committee, element: <RepresentativesPage /> },
  { path: '/party-members', roles: committee, element: <PartyMembersPage /> },
  { path: '/candidates', roles: committee, element: <CandidatesPage /> },
  { path: '/papers', roles: committee, element: <PapersPage /> },
  { path: '/checks', roles: committee, element: <ChecksPage /> },

  // 选举日 (issue 16): the meeting desk (committee), tally entry and the chief's resolution (scrutineers), the result.
  { path: '/meetings', roles: committee, element: <MeetingsPage /> },
  { path: '/meetings/new', roles: committee, element: <NewMeetingPage /> },
  { path: '/meetings/:id', roles: committee, element: <MeetingDeskPage /> },
  { path: '/meetings/:id/check-in', roles: committee, element: <CheckInPage /> },
  { path: '/meetings/:id/result', roles: ['committee', 'scrutineer', 'street', 'bureau'], element: <ResultPage /> },
  { path: '/tally', roles: scrutineer, element: <TallySheetsPage /> },
  { path: '/tally/:draftId', roles: scrutineer, element: <TallyEntryPage /> },
  { path: '/tally-resolve', roles: scrutineer, element: <TallyResolvePage /> },

  // 街道换届选举工作领导小组 and 区民政局 (issue 17)
  { path: '/rounds', roles: street, element: <RoundsPage /> },
  { path: '/round-setup', roles: street, element: <RoundSetupPage /> },
  { path: '/round-setup/:roundId', roles: street, element: <RoundSetupPage /> },
  { path: '/users/:roundId', roles: street, element: <CommunityUsersPage /> },
  { path: '/control-room/:roundId', roles: ['street', 'bureau'], element: charts(<ControlRoomPage />) },
  { path: '/round-report/:roundId', roles: ['street', 'bureau'], element: charts(<RoundReportPage />) },
  { path: '/filings', roles: ['bureau', 'street'], element: <FilingQueuePage /> },
  { path: '/filings/:filingId', roles: ['bureau', 'street', 'committee'], element: <FilingPage /> },
  { path: '/my-filing', roles: committee, element: <MyFilingPage /> },
  { path: '/district-summary', roles: bureau, element: <DistrictSummaryPage /> },
  { path: '/audit', roles: ['bureau', 'admin'], element: <AuditPage /> },

  // 资格联审 and 换届选举情况统计表 (issue 21)
  { path: '/vetting', roles: committee, element: <CommunityVettingPage /> },
  { path: '/vetting/:roundId', roles: street, element: <RoundVettingPage /> },
  { path: '/statistics/:roundId', roles: ['street', 'bureau'], element: <StatisticsPage /> },
  { path: '/district-statistics', roles: bureau, element: <DistrictStatisticsPage /> },
  { path: '/after-round', roles: committee, element: <AfterRoundPage /> },
  { path: '/review', roles: ['reviewer'], element: <ReviewerPage /> },
];

/** Where each role lands after login and on `/`. */
export const HOME_OF: Readonly<Record<Role, string>> = {
  admin: '/me',
  street: '/rounds',
  committee: '/home',
  scrutineer: '/tally',
  bureau: '/filings',
  reviewer: '/review',
};
