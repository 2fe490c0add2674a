/** The Chinese words of the meeting desk for the codes the API answers with. */
export const BOX_KIND_ZH: Readonly<Record<string, string>> = { main: '大会主票箱', station: '投票站', mobile: '流动票箱' };

/** Why a party member may be excused (MTG-QUORUM-PARTY), as the approval paper says it. */
export const EXCUSE_REASON_ZH: Readonly<Record<string, string>> = {
  illness: '患病不能表达本人意志',
  abroad: '出国出境半年以上',
  investigation: '受留党察看或被立案审查',
  suspended: '停止党籍',
  posted: '外出或派驻',
};
