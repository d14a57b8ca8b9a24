/**
 * Standard indicator names of the national framework for project-expenditure performance
 * (财政部《项目支出绩效评价管理办法》财预〔2020〕10号, 共性指标体系框架), as used in the seed documents:
 * the evaluation reports' 决策/过程/产出/效益 tree and the self-evaluation forms' 一级/二级指标.
 */
export const FRAMEWORK: { level: number; parent?: string; names: string[] }[] = [
  { level: 1, names: ['决策', '过程', '产出', '效益', '产出指标', '效益指标', '成本指标', '满意度指标'] },
  { level: 2, parent: '决策', names: ['项目立项', '绩效目标', '资金投入'] },
  { level: 2, parent: '过程', names: ['资金管理', '组织实施'] },
  { level: 2, parent: '产出', names: ['产出数量', '产出质量', '产出时效', '产出成本'] },
  { level: 2, parent: '效益', names: ['项目效益', '社会效益', '经济效益', '生态效益', '可持续影响', '满意度'] },
  { level: 2, parent: '产出指标', names: ['数量指标', '质量指标', '时效指标'] },
  { level: 2, parent: '成本指标', names: ['经济成本指标', '社会成本指标', '生态环境成本指标'] },
  { level: 2, parent: '效益指标', names: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'] },
  { level: 2, parent: '满意度指标', names: ['服务对象满意度指标'] },
  { level: 3, parent: '项目立项', names: ['立项依据充分性', '立项程序规范性'] },
  { level: 3, parent: '绩效目标', names: ['绩效目标合理性', '绩效指标明确性'] },
  { level: 3, parent: '资金投入', names: ['预算编制科学性', '资金分配合理性'] },
  { level: 3, parent: '资金管理', names: ['资金到位率', '预算执行率', '资金使用合规性'] },
  { level: 3, parent: '组织实施', names: ['管理制度健全性', '制度执行有效性'] },
  { level: 3, parent: '产出数量', names: ['实际完成率'] },
  { level: 3, parent: '产出质量', names: ['质量达标率'] },
  { level: 3, parent: '产出时效', names: ['完成及时性'] },
  { level: 3, parent: '产出成本', names: ['成本节约率'] },
  { level: 3, parent: '项目效益', names: ['社会效益', '经济效益', '生态效益', '可持续影响', '满意度'] },
  { level: 3, parent: '服务对象满意度指标', names: ['服务对象满意度'] },
];
