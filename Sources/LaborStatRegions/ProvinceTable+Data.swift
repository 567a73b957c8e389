// The built-in table of China's provincial-level divisions, as CSV text.
//
// The same bytes are shipped as `Resources/provinces.csv` (for people and other tools);
// `ProvinceTableTests` checks the two are identical. The CLI reads this copy so that the table is
// there wherever the `laborstat` binary is installed: on Linux, SwiftPM's `Bundle.module` looks for a
// `LaborStat_LaborStatRegions.resources` folder next to the executable and stops the program when it
// is missing.
//
// Sources: codes and names from GB/T 2260 (中华人民共和国行政区划代码); the four economic regions
// from the National Bureau of Statistics (东部/中部/西部/东北, 国家统计局 2011 划分方法), which covers
// the 31 mainland divisions only: Taiwan, Hong Kong and Macao carry the label 港澳台 here so that
// roll-ups keep their rows; the seven geographic regions as commonly taught (华北 … 西北).
// `pinyin` is the name used in English (Shaanxi for 陕西, Shanxi for 山西, Inner Mongolia, Tibet,
// Hong Kong, Macao); `other_names` lists further accepted spellings, `;`-separated.

extension Province {
    static let tableCSV = #"""
code,name,short_name,abbreviation,pinyin,region4,region7,other_abbreviations,other_names
110000,北京市,北京,京,Beijing,东部,华北,,Peking
120000,天津市,天津,津,Tianjin,东部,华北,,
130000,河北省,河北,冀,Hebei,东部,华北,,
140000,山西省,山西,晋,Shanxi,中部,华北,,
150000,内蒙古自治区,内蒙古,蒙,Inner Mongolia,西部,华北,,Nei Mongol;Nei Menggu;Neimenggu;内蒙
210000,辽宁省,辽宁,辽,Liaoning,东北,东北,,
220000,吉林省,吉林,吉,Jilin,东北,东北,,
230000,黑龙江省,黑龙江,黑,Heilongjiang,东北,东北,,
310000,上海市,上海,沪,Shanghai,东部,华东,申,
320000,江苏省,江苏,苏,Jiangsu,东部,华东,,
330000,浙江省,浙江,浙,Zhejiang,东部,华东,,
340000,安徽省,安徽,皖,Anhui,中部,华东,,
350000,福建省,福建,闽,Fujian,东部,华东,,
360000,江西省,江西,赣,Jiangxi,中部,华东,,
370000,山东省,山东,鲁,Shandong,东部,华东,,
410000,河南省,河南,豫,Henan,中部,华中,,
420000,湖北省,湖北,鄂,Hubei,中部,华中,,
430000,湖南省,湖南,湘,Hunan,中部,华中,,
440000,广东省,广东,粤,Guangdong,东部,华南,,
450000,广西壮族自治区,广西,桂,Guangxi,西部,华南,,Guangxi Zhuang
460000,海南省,海南,琼,Hainan,东部,华南,,
500000,重庆市,重庆,渝,Chongqing,西部,西南,,
510000,四川省,四川,川,Sichuan,西部,西南,蜀,
520000,贵州省,贵州,贵,Guizhou,西部,西南,黔,
530000,云南省,云南,云,Yunnan,西部,西南,滇,
540000,西藏自治区,西藏,藏,Tibet,西部,西南,,Xizang
610000,陕西省,陕西,陕,Shaanxi,西部,西北,秦,
620000,甘肃省,甘肃,甘,Gansu,西部,西北,陇,
630000,青海省,青海,青,Qinghai,西部,西北,,
640000,宁夏回族自治区,宁夏,宁,Ningxia,西部,西北,,Ningxia Hui
650000,新疆维吾尔自治区,新疆,新,Xinjiang,西部,西北,,Xinjiang Uygur;Xinjiang Uyghur
710000,台湾省,台湾,台,Taiwan,港澳台,华东,,台灣;臺灣
810000,香港特别行政区,香港,港,Hong Kong,港澳台,华南,,Xianggang;Hongkong
820000,澳门特别行政区,澳门,澳,Macao,港澳台,华南,,Macau;Aomen;澳門
"""#
}
